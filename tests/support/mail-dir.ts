/**
 * The recipient's inbox in tests: with SMTP unset, the send-email job writes
 * each mail whole (private links included) into MAIL_DIR, one folder per
 * recipient (app/utils/email.server.ts). No app imports: Playwright uses it too.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export type ReceivedMail = { subject: string; text: string };

/** Same folder name as the app's mailDirFolder(). */
const folderOf = (to: string) => to.toLowerCase().replace(/[^a-z0-9@._+-]/g, "_").slice(0, 200);

/** Every mail delivered to the address, oldest first. */
export async function readInbox(mailDir: string, to: string): Promise<ReceivedMail[]> {
  const folder = path.join(mailDir, folderOf(to));
  const files = await readdir(folder).catch(() => [] as string[]);
  const sorted = files.filter((f) => f.endsWith(".eml")).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
  return Promise.all(
    sorted.map(async (file) => {
      const raw = await readFile(path.join(folder, file), "utf8");
      const [head, ...body] = raw.split("\n\n");
      return { subject: /^Subject: (.*)$/m.exec(head)?.[1] ?? "", text: body.join("\n\n") };
    }),
  );
}

/** The path and query of the newest link to `pathname` in the address's mail, or null. */
export async function linkInInbox(mailDir: string, to: string, pathname: string): Promise<string | null> {
  const mails = await readInbox(mailDir, to);
  for (const mail of mails.reverse()) {
    for (const match of mail.text.matchAll(/https?:\/\/\S+/g)) {
      const url = new URL(match[0]);
      if (url.pathname === pathname) return url.pathname + url.search;
    }
  }
  return null;
}
