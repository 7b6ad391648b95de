/**
 * The Sentry stand-in, run in QuickJS (the sandbox's engine): what a learner's calls send, read the
 * way exercise tests read it (sentry-testkit), plus the raw envelope text.
 */
import { describe, expect, it } from "vitest";
import { runInQuickJS } from "./run-in-quickjs.test-support.ts";

const DSN = "https://abc123@o7.ingest.sentry.io/42";

/** Runs `code` (a module that may import @sentry/node and sentry-testkit as kit) and returns what it assigned to `result`. */
async function run(code: string, sdk = "@sentry/node") {
  const { result, console } = await runInQuickJS({
    entry: `import * as Sentry from "${sdk}";\nimport * as kit from "sentry-testkit";\n${code}`,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of many shapes, read only by the assertions
  return { result: result as any, console };
}

describe("envelopes", () => {
  it("an error envelope is a header line, an item header and the event, as @sentry/core serialises it", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", release: "shop@1.2.3", environment: "staging" });
      const id = Sentry.captureException(new Error("boom"));
      const [text] = kit.envelopes();
      globalThis.result = { id, lines: text.split("\\n"), count: kit.envelopes().length };
    `);
    expect(result.count).toBe(1);
    expect(result.lines).toHaveLength(3);
    const [header, itemHeader, payload] = (result.lines as string[]).map((line) => JSON.parse(line));
    expect(header).toEqual({
      event_id: result.id,
      sent_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sdk: { name: "sentry.javascript.node", version: expect.any(String) },
      trace: { environment: "staging", release: "shop@1.2.3", public_key: "abc123", trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(itemHeader).toEqual({ type: "event" });
    expect(payload).toMatchObject({
      event_id: result.id,
      level: "error",
      platform: "node",
      release: "shop@1.2.3",
      environment: "staging",
      exception: { values: [{ type: "Error", value: "boom", mechanism: { type: "generic", handled: true } }] },
      sdk: { name: "sentry.javascript.node", packages: [{ name: "npm:@sentry/node", version: expect.any(String) }] },
    });
    expect(payload.timestamp).toBeGreaterThan(1_700_000_000);
    expect(payload.contexts.trace.trace_id).toBe(header.trace.trace_id);
  });

  it("@sentry/browser says platform javascript and its own SDK name", async () => {
    const { result } = await run(`Sentry.init({ dsn: "${DSN}" }); Sentry.captureMessage("hi"); globalThis.result = kit.events()[0];`, "@sentry/browser");
    expect(result.platform).toBe("javascript");
    expect(result.sdk.name).toBe("sentry.javascript.browser");
    expect(result.environment).toBe("production");
  });

  it("sends nothing without a DSN, and says so for an invalid one", async () => {
    const none = await run(`Sentry.init({}); Sentry.captureMessage("x"); globalThis.result = { n: kit.envelopes().length, id: Sentry.captureMessage("y") };`);
    expect(none.result.n).toBe(0);
    expect(none.result.id).toMatch(/^[0-9a-f]{32}$/);
    const bad = await run(`Sentry.init({ dsn: "not a dsn" }); Sentry.captureMessage("x"); globalThis.result = { n: kit.envelopes().length };`);
    expect(bad.result.n).toBe(0);
    expect(bad.console).toEqual(["error: Invalid Sentry Dsn: not a dsn"]);
  });

  it("parses DSNs with a port and a path as makeDsn does", async () => {
    const { result } = await run(`
      globalThis.result = [Sentry.makeDsn("http://key@localhost:9000/sub/path/7"), Sentry.dsnToString(Sentry.makeDsn("${DSN}"))];
    `);
    expect(result[0]).toEqual({ protocol: "http", publicKey: "key", pass: "", host: "localhost", port: "9000", path: "sub/path", projectId: "7" });
    expect(result[1]).toBe(DSN);
  });
});

describe("errors and messages", () => {
  it("parses the QuickJS stack into frames, oldest call first, with a linked cause", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}" });
      function inner() { return null.total; }
      function outer() { try { inner(); } catch (cause) { throw new Error("checkout failed", { cause }); } }
      try { outer(); } catch (error) { Sentry.captureException(error); }
      globalThis.result = kit.events()[0].exception.values;
    `);
    expect(result.map((v: { type: string }) => v.type)).toEqual(["TypeError", "Error"]);
    const frames = result[1].stacktrace.frames as { function: string; filename: string; lineno: number; colno: number; in_app: boolean }[];
    expect(frames.map((f) => f.function).slice(-1)).toEqual(["outer"]);
    expect(frames.at(-1)).toMatchObject({ filename: "entry", lineno: 6, in_app: true });
    expect(result[0].stacktrace.frames.at(-1)).toMatchObject({ function: "inner", lineno: 5 });
    expect(result[1].mechanism).toEqual({ type: "generic", handled: true });
  });

  it("captureMessage sends the text at the level given (info by default); non-errors become synthetic exceptions", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}" });
      Sentry.captureMessage("deploy started");
      Sentry.captureMessage("disk almost full", "warning");
      Sentry.captureException({ code: 42, reason: "nope" });
      globalThis.result = kit.events();
    `);
    expect(result.map((e: { message?: string; level: string }) => [e.message, e.level])).toEqual([
      ["deploy started", "info"],
      ["disk almost full", "warning"],
      [undefined, "error"],
    ]);
    expect(result[2].exception.values[0].value).toBe("Object captured as exception with keys: code, reason");
  });

  it("merges user, tags, extra and contexts; withScope keeps its changes inside", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", initialScope: { tags: { team: "payments" } } });
      Sentry.setUser({ id: "u1", email: "a@example.com" });
      Sentry.setTag("region", "eu");
      Sentry.setTags({ tier: "pro" });
      Sentry.setExtra("cart", { items: [{ sku: "mug", nested: { deep: { deeper: 1 } } }] });
      Sentry.setContext("order", { id: 7 });
      Sentry.withScope((scope) => {
        scope.setTag("region", "us");
        scope.setLevel("fatal");
        Sentry.captureMessage("inside");
      });
      Sentry.captureMessage("outside", { tags: { extra: "yes" } });
      globalThis.result = kit.events();
    `);
    const [inside, outside] = result;
    expect(inside.tags).toEqual({ team: "payments", region: "us", tier: "pro" });
    expect(inside.level).toBe("fatal");
    expect(inside.user).toEqual({ id: "u1", email: "a@example.com" });
    expect(inside.contexts.order).toEqual({ id: 7 });
    // normalizeDepth 3, counted from `extra` as the real SDK does.
    expect(inside.extra.cart).toEqual({ items: ["[Object]"] });
    expect(outside.tags).toEqual({ team: "payments", region: "eu", tier: "pro", extra: "yes" });
    expect(outside.level).toBe("info");
  });

  it("beforeSend can change or drop an event, also asynchronously (flush waits); sampleRate 0 sends nothing", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", beforeSend(event, hint) {
        if (event.message === "drop me") return null;
        if (event.message === "later") return Promise.resolve({ ...event, tags: { async: "yes" } });
        event.tags = { original: String(hint.originalException) };
        return event;
      } });
      Sentry.captureMessage("drop me");
      Sentry.captureMessage("keep me");
      Sentry.captureMessage("later");
      const before = kit.events().length;
      await Sentry.flush(2000);
      const after = kit.events();
      Sentry.init({ dsn: "${DSN}", sampleRate: 0 });
      kit.reset();
      Sentry.captureException(new Error("sampled out"));
      globalThis.result = { before, after, sampledOut: kit.events().length };
    `);
    expect(result.before).toBe(1);
    expect(result.after.map((e: { message: string; tags: object }) => [e.message, e.tags])).toEqual([
      ["keep me", { original: "keep me" }],
      ["later", { async: "yes" }],
    ]);
    expect(result.sampledOut).toBe(0);
  });

  it("a beforeSend that throws drops the event and says why on the console, as the real pipeline does", async () => {
    const { result, console } = await run(`
      Sentry.init({ dsn: "${DSN}", beforeSend(event) { return event.user.email.toLowerCase(); } });
      const id = Sentry.captureMessage("no user here");
      globalThis.result = { id, sent: kit.events().length };
    `);
    expect(result.id).toMatch(/^[0-9a-f]{32}$/);
    expect(result.sent).toBe(0);
    expect(console).toEqual([expect.stringMatching(/^warn: Sentry: the event was dropped: beforeSend threw TypeError: cannot read property 'email' of undefined/)]);
  });

  it("breadcrumbs go through beforeBreadcrumb, are capped by maxBreadcrumbs and ride on the next event", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", maxBreadcrumbs: 2, beforeBreadcrumb: (crumb) => (crumb.category === "noise" ? null : crumb) });
      Sentry.addBreadcrumb({ category: "nav", message: "one" });
      Sentry.addBreadcrumb({ category: "noise", message: "dropped" });
      Sentry.addBreadcrumb({ category: "nav", message: "two" });
      Sentry.addBreadcrumb({ category: "nav", message: "three", data: { n: 3 } });
      Sentry.captureMessage("now");
      globalThis.result = kit.events()[0].breadcrumbs;
    `);
    expect(result.map((c: { message: string }) => c.message)).toEqual(["two", "three"]);
    expect(result[1]).toMatchObject({ category: "nav", data: { n: 3 }, timestamp: expect.any(Number) });
  });

  it("sendDefaultPii in the browser lets Sentry infer the user's IP address", async () => {
    const { result } = await run(`Sentry.init({ dsn: "${DSN}", sendDefaultPii: true }); Sentry.captureMessage("x"); globalThis.result = kit.events()[0].user;`, "@sentry/browser");
    expect(result).toEqual({ ip_address: "{{auto}}" });
  });
});

describe("spans and transactions", () => {
  it("nests async child spans under the active span and sends the root as a transaction", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", tracesSampleRate: 1 });
      const value = await Sentry.startSpan({ name: "checkout", op: "checkout", attributes: { cart: 2 } }, async (span) => {
        await Sentry.startSpan({ name: "validate" }, async () => {
          await null;
          Sentry.startSpan({ name: "rules" }, () => {});
        });
        const inactive = Sentry.startInactiveSpan({ name: "inactive" });
        inactive.end();
        return Sentry.startSpan({ name: "charge", op: "payment" }, () => 42);
      });
      globalThis.result = { value, tx: kit.transactions() };
    `);
    expect(result.value).toBe(42);
    expect(result.tx).toHaveLength(1);
    const [tx] = result.tx;
    expect(tx).toMatchObject({ type: "transaction", transaction: "checkout", contexts: { trace: { op: "checkout", status: "ok", data: { cart: 2 } } } });
    const byName = Object.fromEntries(tx.spans.map((s: { description: string }) => [s.description, s]));
    expect(Object.keys(byName)).toEqual(["validate", "rules", "inactive", "charge"]);
    expect(byName.validate.parent_span_id).toBe(tx.contexts.trace.span_id);
    expect(byName.rules.parent_span_id).toBe(byName.validate.span_id);
    expect(byName.inactive.parent_span_id).toBe(tx.contexts.trace.span_id);
    expect(byName.charge).toMatchObject({ op: "payment", trace_id: tx.contexts.trace.trace_id });
    expect(tx.timestamp).toBeGreaterThanOrEqual(tx.start_timestamp);
  });

  it("spans run side by side (Promise.all) nest where parentSpan says: there is no async context to tell", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", tracesSampleRate: 1 });
      await Sentry.startSpan({ name: "root" }, (root) =>
        Promise.all([
          Sentry.startSpan({ name: "a", parentSpan: root }, async () => { await null; }),
          Sentry.startSpan({ name: "b", parentSpan: root }, async () => { await null; }),
        ]),
      );
      const [tx] = kit.transactions();
      globalThis.result = { root: tx.contexts.trace.span_id, parents: tx.spans.map((s) => [s.description, s.parent_span_id]) };
    `);
    expect(result.parents).toEqual([
      ["a", result.root],
      ["b", result.root],
    ]);
  });

  it("a throwing callback marks its span internal_error and rethrows; an error inside a span names the span", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", tracesSampleRate: 1 });
      let caught = "";
      try {
        Sentry.startSpan({ name: "job" }, () => {
          Sentry.startSpan({ name: "step" }, (span) => { Sentry.captureMessage("inside"); globalThis.stepId = span.spanContext().spanId; throw new Error("bad"); });
        });
      } catch (error) { caught = error.message; }
      globalThis.result = { caught, tx: kit.transactions()[0], event: kit.events()[0], stepId: globalThis.stepId };
    `);
    expect(result.caught).toBe("bad");
    expect(result.tx.contexts.trace.status).toBe("internal_error");
    expect(result.tx.spans[0].status).toBe("internal_error");
    expect(result.event.contexts.trace).toEqual({ trace_id: result.tx.contexts.trace.trace_id, span_id: result.stepId, parent_span_id: result.tx.contexts.trace.span_id });
  });

  it("tracesSampler decides per root span from its name and attributes; without tracing nothing is sent", async () => {
    const { result } = await run(`
      const seen = [];
      Sentry.init({ dsn: "${DSN}", tracesSampler: (ctx) => { seen.push([ctx.name, ctx.attributes.route]); return ctx.attributes.route === "/health" ? 0 : true; } });
      Sentry.startSpan({ name: "GET /health", attributes: { route: "/health" } }, () => Sentry.startSpan({ name: "child" }, () => {}));
      Sentry.startSpan({ name: "GET /shop", attributes: { route: "/shop" } }, () => {});
      const sampled = kit.transactions().map((t) => [t.transaction, t.contexts.trace.data["sentry.sample_rate"]]);
      Sentry.init({ dsn: "${DSN}" });
      kit.reset();
      const ran = Sentry.startSpan({ name: "untraced" }, () => "ran");
      globalThis.result = { seen, sampled, ran, untraced: kit.envelopes().length };
    `);
    expect(result.seen).toEqual([
      ["GET /health", "/health"],
      ["GET /shop", "/shop"],
    ]);
    expect(result.sampled).toEqual([["GET /shop", 1]]);
    expect(result.ran).toBe("ran");
    expect(result.untraced).toBe(0);
  });

  it("beforeSendTransaction can drop transactions", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", tracesSampleRate: 1, beforeSendTransaction: (event) => (event.transaction === "secret" ? null : event) });
      Sentry.startSpan({ name: "secret" }, () => {});
      Sentry.startSpan({ name: "public" }, () => {});
      globalThis.result = kit.transactions().map((t) => t.transaction);
    `);
    expect(result).toEqual(["public"]);
  });
});

describe("feedback and crons", () => {
  it("captureFeedback sends a feedback item linked to an event", async () => {
    const { result } = await run(
      `
      Sentry.init({ dsn: "${DSN}" });
      const eventId = Sentry.captureException(new Error("x"));
      const id = Sentry.captureFeedback({ name: "Ada", email: "ada@example.com", message: "Broken", associatedEventId: eventId });
      const envelope = kit.envelopes()[1].split("\\n").map((line) => JSON.parse(line));
      globalThis.result = { eventId, id, envelope, feedback: kit.feedbacks() };
    `,
      "@sentry/browser",
    );
    expect(result.envelope[1]).toEqual({ type: "feedback" });
    expect(result.feedback).toHaveLength(1);
    expect(result.feedback[0]).toMatchObject({
      type: "feedback",
      event_id: result.id,
      level: "info",
      contexts: { feedback: { name: "Ada", contact_email: "ada@example.com", message: "Broken", source: "api", associated_event_id: result.eventId } },
    });
  });

  it("withMonitor sends in_progress then ok or error with the monitor config; captureCheckIn returns the id", async () => {
    const { result } = await run(`
      Sentry.init({ dsn: "${DSN}", release: "jobs@1", environment: "prod" });
      const config = { schedule: { type: "interval", value: 5, unit: "minute" }, checkinMargin: 1, maxRuntime: 2, timezone: "UTC", failureIssueThreshold: 2, recoveryThreshold: 3 };
      const value = await Sentry.withMonitor("sync", async () => "done", config);
      let error = "";
      try { await Sentry.withMonitor("sync", async () => { throw new Error("down"); }); } catch (e) { error = e.message; }
      const id = Sentry.captureCheckIn({ monitorSlug: "manual", status: "in_progress" });
      const envelope = kit.envelopes()[0].split("\\n").map((line) => JSON.parse(line));
      globalThis.result = { value, error, id, envelope, checkIns: kit.checkIns() };
    `);
    expect(result.value).toBe("done");
    expect(result.error).toBe("down");
    expect(result.envelope[0]).toEqual({ sent_at: expect.any(String), sdk: { name: "sentry.javascript.node", version: expect.any(String) }, trace: expect.objectContaining({ public_key: "abc123" }) });
    expect(result.envelope[1]).toEqual({ type: "check_in" });
    const checkIns = result.checkIns as { status: string; check_in_id: string; duration?: number; monitor_config?: object }[];
    expect(checkIns.map((c) => c.status)).toEqual(["in_progress", "ok", "in_progress", "error", "in_progress"]);
    expect(checkIns[1].check_in_id).toBe(checkIns[0].check_in_id);
    expect(checkIns[1].duration).toBeGreaterThanOrEqual(0);
    expect(checkIns[0]).toMatchObject({
      monitor_slug: "sync",
      release: "jobs@1",
      environment: "prod",
      monitor_config: { schedule: { type: "interval", value: 5, unit: "minute" }, checkin_margin: 1, max_runtime: 2, timezone: "UTC", failure_issue_threshold: 2, recovery_threshold: 3 },
    });
    expect(checkIns[4].check_in_id).toBe(result.id);
  });
});
