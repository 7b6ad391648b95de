import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { dismissPrompt, isPromptKey } from "~/modules/sentry-connect/prompts.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";

export const loader = () => redirect("/dashboard");

/** Remembers that a prompt was closed; without JS it returns to the page it came from. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const prompt = form.get("prompt");
  if (!isPromptKey(prompt)) throw new Response("Unknown prompt", { status: 400 });
  await dismissPrompt(user.id, prompt);
  return redirect(safeRedirect(form.get("redirectTo"), "/dashboard"));
}
