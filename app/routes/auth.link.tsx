import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod.server.ts";
import { AuthCard } from "~/components/auth-card.tsx";
import { isOAuthProvider, PROVIDER_LABELS } from "~/modules/accounts/oauth.server.ts";
import type { TokenState } from "~/modules/accounts/one-time-token.server.ts";
import { checkEmailToken, confirmIdentityLink, IdentityTakenError } from "~/modules/accounts/verification.server.ts";
import { signInResponse } from "~/modules/accounts/sign-in.server.ts";
import { redirectWithToast, toastHeader } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Connect a sign-in method · Sentry Academy" }, { name: "referrer", content: "same-origin" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const PROBLEMS: Record<Exclude<TokenState, "valid">, string> = {
  invalid: "This link isn't valid: check that you copied the whole link. A newer link replaces older ones.",
  expired: "This link has expired: links to connect an account work for one hour. Sign in with GitHub or Google again for a new one.",
  used: "This link has already been used.",
};

const label = (provider: string) => (isOAuthProvider(provider) ? PROVIDER_LABELS[provider] : provider);

/** The link from the "connect GitHub/Google" email: GET shows what it does; the button (POST) does it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const { state, row } = token ? await checkEmailToken(token, "LINK_OAUTH") : { state: "invalid" as const, row: null };
  if (state !== "valid") return { token, problem: PROBLEMS[state], provider: null, email: null };
  if (!row) return { token, problem: PROBLEMS.invalid, provider: null, email: null };
  return { token, problem: null, provider: label(row.provider ?? ""), email: row.email };
}

// A function, not a module-level value: checked on the server only, so Zod stays out of this page's JS (decision 028).
const confirmSchema = () => z.object({ token: z.string().min(10).max(200) });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = confirmSchema().safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("This form is incomplete.", { status: 400 });
  const again = `/auth/link?token=${encodeURIComponent(parsed.data.token)}`;
  try {
    const result = await confirmIdentityLink(parsed.data.token, label);
    if (result.state !== "valid" || !result.userId) return redirectWithToast(again, { kind: "error", message: PROBLEMS[result.state as Exclude<TokenState, "valid">] });
    // The mailbox owner confirmed: this browser signs in (through the same two-factor rule as every
    // sign-in); every other session and API token has ended.
    const headers = new Headers({ "Set-Cookie": await toastHeader({ kind: "success", message: "Connected: you can sign in with it from now on. Every other session and API token of your account has ended." }) });
    return signInResponse(request, result.userId, "/account", { headers });
  } catch (error) {
    if (!(error instanceof IdentityTakenError)) throw error;
    return redirectWithToast(again, { kind: "error", message: error.message });
  }
}

export default function LinkIdentityPage() {
  const { token, problem, provider, email } = useLoaderData<typeof loader>();
  if (problem) {
    return (
      <AuthCard title="This link can't be used">
        <p role="alert">{problem}</p>
        <p className="mt-6 text-sm">
          <Link to="/login">Go to log in</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Connect ${provider} to your account`}>
      <p>
        Sign in to <strong>{email}</strong>'s Sentry Academy account with {provider} from now on. Every other session of the account
        ends and its API tokens stop working.
      </p>
      <Form method="post" className="mt-6">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="btn btn-primary w-full">
          Connect {provider}
        </button>
      </Form>
    </AuthCard>
  );
}
