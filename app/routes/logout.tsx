import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySession } from "~/utils/session.server.ts";
import { toastHeader } from "~/utils/toast.server.ts";

// Logging out changes state, so it is a POST only; a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers({ "Set-Cookie": await destroySession(request) });
  headers.append("Set-Cookie", await toastHeader({ kind: "info", message: "You're logged out. See you soon." }));
  return redirect("/", { headers });
}
