/** With SMTP_URL set, the send-email job delivers over SMTP (to a local SMTP server) and retries failures. */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { deliverEmail, PRIVATE_LINK, queueEmail } from "~/utils/email.server.ts";

const received: { to: string[]; raw: string }[] = [];
let rejectNext = false;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk) => (raw += chunk));
    stream.on("end", () => {
      if (rejectNext) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = "Sentry Academy <academy@example.com>";
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

describe("email over SMTP", () => {
  it("sends the email and marks it sent", async () => {
    const email = await queueEmail({ to: "learner@example.com", subject: "Reset your password", text: "Here is your link." });
    expect(await deliverEmail(email.id)).toBe("SENT");
    expect(received.at(-1)!.to).toEqual(["learner@example.com"]);
    expect(received.at(-1)!.raw).toContain("Subject: Reset your password");
    const row = await prisma.email.findUniqueOrThrow({ where: { id: email.id } });
    expect(row.status).toBe("SENT");
    expect(row.sentAt).not.toBeNull();
  });

  it("records a rejected delivery and throws so pg-boss retries it; a retry that succeeds sends it once", async () => {
    const email = await queueEmail({ to: "bounce@example.com", subject: "Hello", text: "Hi" });
    rejectNext = true;
    await expect(deliverEmail(email.id)).rejects.toThrow(/Mailbox unavailable/);
    const failed = await prisma.email.findUniqueOrThrow({ where: { id: email.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain("Mailbox unavailable");
    rejectNext = false;
    expect(await deliverEmail(email.id)).toBe("SENT");
    expect(await deliverEmail(email.id)).toBe("SENT");
    expect(received.filter((r) => r.to.includes("bounce@example.com"))).toHaveLength(1);
    expect((await prisma.email.findUniqueOrThrow({ where: { id: email.id } })).attempts).toBe(2);
  });

  it("puts a private link only into what goes over SMTP: the table keeps a placeholder, and the sealed copy is cleared", async () => {
    const link = "http://localhost:3000/reset-password?token=the-live-token-0123456789";
    const email = await queueEmail({ to: "private@example.com", subject: "Reset", text: `Here: ${PRIVATE_LINK}`, privateLink: link });
    const stored = await prisma.email.findUniqueOrThrow({ where: { id: email.id } });
    expect(stored.text).toBe(`Here: ${PRIVATE_LINK}`);
    expect(stored.sealedLink).toMatch(/^v1\./);
    expect(stored.sealedLink).not.toContain("the-live-token");
    expect(await deliverEmail(email.id)).toBe("SENT");
    expect(received.at(-1)!.raw).toContain("the-live-token-0123456789");
    const sent = await prisma.email.findUniqueOrThrow({ where: { id: email.id } });
    expect(sent.sealedLink).toBeNull();
    expect(sent.text).not.toContain("the-live-token");
  });
});
