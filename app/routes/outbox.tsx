import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { outboxIsPublic } from "~/utils/email.server.ts";
import { PRIVATE_LINK } from "~/utils/private-link.ts";
import { getEnv } from "~/utils/env.server.ts";
import { hasRole } from "~/utils/permissions.ts";
import { formatIsoMinute } from "~/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "Email outbox · Sentry Academy" }];

/**
 * The development outbox: every email the app wrote, with private links
 * (password reset, email verification, ...) never shown: the table holds only
 * a placeholder for them (app/utils/email.server.ts). Admins only, except in
 * demo mode without SMTP, where everyone may read it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!outboxIsPublic()) {
    const user = await getOptionalUser(request);
    if (!hasRole(user, ["ADMIN"])) throw new Response("Not found", { status: 404 });
  }
  const emails = await prisma.email.findMany({
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, to: true, subject: true, text: true, status: true, error: true, createdAt: true },
  });
  return { emails, smtp: Boolean(getEnv().SMTP_URL), mailDir: Boolean(getEnv().MAIL_DIR) };
}

const LINK = /(https?:\/\/[^\s]+)/g;

function Linkified({ text }: { text: string }) {
  return (
    <>
      {text.split(LINK).flatMap((part, i) =>
        LINK.test(part) ? (
          <a key={i} href={part} className="break-all">
            {part}
          </a>
        ) : (
          part.split(PRIVATE_LINK).map((piece, j) => (
            <span key={`${i}-${j}`}>
              {j > 0 ? <em className="rounded bg-ink-100 px-1 not-italic text-ink-700">[private link: only in the recipient's inbox]</em> : null}
              {piece}
            </span>
          ))
        ),
      )}
    </>
  );
}

export default function Outbox() {
  const { emails, smtp, mailDir } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Email outbox</h1>
      <p className="mt-1 text-ink-700">
        {smtp
          ? "Every email the app has written, with its SMTP delivery status."
          : `SMTP isn't configured, so emails are kept here instead of being sent${mailDir ? ", and written whole into the server's mail folder (MAIL_DIR)" : ""}. Set SMTP_URL to send them for real.`}
        {" "}Private links (password reset, email confirmation) appear only in what the recipient gets, never here.
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
                To {e.to} · {formatIsoMinute(e.createdAt)} · status {e.status.toLowerCase()}
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
