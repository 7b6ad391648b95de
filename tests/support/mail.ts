/**
 * Mail in integration tests, where no job worker runs: run the queued
 * "forgot password" requests and deliver the queued mails, then read what the
 * recipient got (MAIL_DIR, set per test file in vitest-setup.ts).
 */
import { PASSWORD_RESET_QUEUE, sendPasswordReset } from "~/modules/accounts/password-reset.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { deliverEmail } from "~/utils/email.server.ts";
import { getBoss } from "~/utils/jobs.server.ts";
import { linkInInbox, readInbox } from "./mail-dir.ts";

/** Does what the workers would: the queued password-reset requests, then every queued mail. */
export async function deliverMail() {
  const boss = await getBoss();
  for (;;) {
    const jobs = await boss.fetch<{ email: string }>(PASSWORD_RESET_QUEUE, { batchSize: 50 });
    if (jobs.length === 0) break;
    for (const job of jobs) await sendPasswordReset(job.data.email);
    await boss.complete(PASSWORD_RESET_QUEUE, jobs.map((j) => j.id));
  }
  const queued = await prisma.email.findMany({ where: { status: "QUEUED" }, select: { id: true } });
  for (const { id } of queued) await deliverEmail(id);
}

function mailDir() {
  const dir = process.env.MAIL_DIR;
  if (!dir) throw new Error("MAIL_DIR is not set (tests/support/vitest-setup.ts)");
  return dir;
}

/** What the address received, oldest first (after delivering what is queued). */
export async function inbox(to: string) {
  await deliverMail();
  return readInbox(mailDir(), to);
}

/** The newest link to `pathname` the address received (path and query), after delivering what is queued. */
export async function linkFor(to: string, pathname: string) {
  await deliverMail();
  const link = await linkInInbox(mailDir(), to, pathname);
  if (!link) throw new Error(`no mail to ${to} with a link to ${pathname}`);
  return link;
}
