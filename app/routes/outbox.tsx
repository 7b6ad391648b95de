import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { outboxIsPublic } from "~/utils/email.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { hasRole } from "~/utils/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Email outbox · Sentry Academy" }];

/**
 * The development outbox: every email the app wrote. In demo mode without SMTP
 * it is open to everyone (mail goes nowhere else, e.g. password reset links);
 * otherwise only admins may read it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!outboxIsPublic()) {
    const user = await getOptionalUser(request);
    if (!hasRole(user, ["ADMIN"])) throw new Response("Not found", { status: 404 });
  }
  const emails = await prisma.email.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  return { emails, smtp: Boolean(getEnv().SMTP_URL) };
}

const LINK = /(https?:\/\/[^\s]+)/g;

function Linkified({ text }: { text: string }) {
  return (
    <>
      {text.split(LINK).map((part, i) =>
        LINK.test(part) ? (
          <a key={i} href={part} className="break-all">
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default function Outbox() {
  const { emails, smtp } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Email outbox</h1>
      <p className="mt-1 text-ink-700">
        {smtp
          ? "Every email the app has written, with its SMTP delivery status."
          : "SMTP isn't configured, so emails are kept here instead of being sent. Set SMTP_URL to send them for real."}
      </p>
      {emails.length === 0 ? <p className="card mt-6">No emails yet.</p> : null}
      <ol className="mt-6 space-y-4">
        {emails.map((e) => (
          <li key={e.id}>
            <article className="card" aria-labelledby={`mail-${e.id}`}>
              <h2 id={`mail-${e.id}`} className="text-lg font-bold">
                {e.subject}
              </h2>
              <p className="text-sm text-ink-700">
                To {e.to} · {new Date(e.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC · status {e.status.toLowerCase()}
                {e.error ? ` (${e.error})` : ""}
              </p>
              <p className="mt-3 whitespace-pre-wrap text-sm">
                <Linkified text={e.text} />
              </p>
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}
