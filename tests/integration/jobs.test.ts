/** pg-boss in-process: a job sent by the app runs end to end, once, and shows on /healthz and the admin page. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureQueues, jobs, startWorkers, stopWorkers } from "../../jobs/index.ts";
import { deliverEmail, queueEmail } from "~/utils/email.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("/healthz", () => {
  it("reports the queue as down before any queue exists", async () => {
    const response = await new Browser().get("/healthz");
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: "degraded", database: { ok: true }, queue: { ok: false } });
  });
});

describe("the send-email job", () => {
  beforeAll(async () => {
    await startWorkers();
  });
  afterAll(async () => {
    await stopWorkers();
  });

  it("delivers a queued email once, end to end", async () => {
    const email = await queueEmail({ to: "learner@example.com", subject: "Hello", text: "Welcome aboard." });
    expect(email.status).toBe("QUEUED");
    const done = await waitFor(async () => {
      const row = await prisma.email.findUniqueOrThrow({ where: { id: email.id } });
      return row.status === "STORED" ? row : null;
    });
    expect(done.attempts).toBe(1);
    // Idempotent: running the handler again for the same id does nothing.
    await deliverEmail(email.id);
    expect((await prisma.email.findUniqueOrThrow({ where: { id: email.id } })).attempts).toBe(1);
  });

  it("shows healthy queues on /healthz and the job on the admin page", async () => {
    await ensureQueues();
    const health = await new Browser().get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { ok: true }, queue: { ok: true, queues: jobs.length } });

    const { browser } = await signedInBrowser("ADMIN");
    const page = visibleText(await (await browser.get("/admin/jobs")).text());
    expect(page).toContain("send-email");
    expect(page).toContain("completed");
  });
});
