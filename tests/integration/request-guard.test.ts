/**
 * The request guard (app/utils/request-guard.server.ts) and the input fixes of the security
 * review (§2 CSRF, §3 "Distinct 5xx causes"), each with the review's reproducer: cross-site
 * writes to every resource route and a sample of page actions are a 403 that changes nothing;
 * bodies over 1 MB a 413; unreadable bodies, NUL and control characters a 4xx; prototype keys,
 * huge versions, bad queue names, unique-constraint races and the customer layout's 404 never a 500.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { createPoc, regenerateShareLink } from "~/modules/poc/poc.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { createCourse } from "../support/courses.ts";
import { createUser, DEFAULT_PASSWORD, uniqueEmail } from "../support/factories.ts";

const EVIL = "http://evil.example";

/** A form post as a page on `origin` would send it (a browser adds the Origin header). */
function postFrom(browser: Browser, origin: string | null, path: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return browser.request(path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(origin ? { Origin: origin } : {}), ...headers },
  });
}

function sendJson(browser: Browser, method: string, path: string, body: string, headers: Record<string, string> = {}) {
  return browser.request(path, { method, body, headers: { "Content-Type": "application/json", ...headers } });
}

let seq = 0;
async function makePoc(ownerId: string, ownerName = "Sam Solutions") {
  seq += 1;
  const staff = { kind: "staff" as const, userId: ownerId, name: ownerName };
  const poc = await createPoc({ customerName: `Guard ${seq} Corp`, accountDomain: `guard${seq}.example`, ownerId, startDate: null, endDate: null, goals: "" }, staff);
  const token = await regenerateShareLink(poc.id, null, staff);
  const milestones = await prisma.pocMilestone.findMany({ where: { pocId: poc.id }, orderBy: { position: "asc" } });
  return { id: poc.id, token, customerMilestone: milestones.find((m) => m.side === "CUSTOMER")!, anyMilestone: milestones[0] };
}

async function expectRefusedHtml(response: Response, status: number) {
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(status);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
  return visibleText(text);
}

async function expectRefusedJson(response: Response, status: number, error: string) {
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(status);
  const body = JSON.parse(text);
  expect(body.error).toBe(error);
  expect(body.message).toBeTruthy();
  return body;
}

let course: Awaited<ReturnType<typeof createCourse>>;
beforeAll(async () => {
  course = await createCourse();
});

describe("cross-site writes (security review §2)", () => {
  it("refuses every resource route of the review's table with Origin http://evil.example (403), changing nothing", async () => {
    const se = await signedInBrowser("SE");
    const poc = await makePoc(se.user.id);
    const pocsBefore = await prisma.poc.count();
    const teamBefore = await prisma.pocTeamMember.count({ where: { pocId: poc.id } });
    await prisma.sentryConnection.create({ data: { userId: se.user.id, method: "TOKEN", accessTokenCipher: "not-a-real-cipher" } });

    const resourceRoutes: [string, Record<string, string>][] = [
      [`/api/v1/pocs/${poc.id}/share-link`, {}],
      [`/api/v1/pocs/${poc.id}/team`, { name: "Mallory", side: "SENTRY" }],
      ["/api/v1/pocs", { customerName: "Evil Corp", accountDomain: "evil.example" }],
      ["/api/sentry/validate-token", { token: "sntryu_attacker", save: "true" }],
      ["/api/sentry/disconnect", {}],
      ["/api/sentry/sync", {}],
    ];
    for (const [path, fields] of resourceRoutes) {
      const body = await expectRefusedJson(await postFrom(se.browser, EVIL, path, fields), 403, "cross_site_request");
      expect(body.message).toContain("only be made from its own pages");
    }
    // Without an Origin, a browser's Sec-Fetch-Site says the same.
    await expectRefusedJson(await postFrom(se.browser, null, `/api/v1/pocs/${poc.id}/share-link`, {}, { "Sec-Fetch-Site": "cross-site" }), 403, "cross_site_request");
    for (const path of ["/prompts/dismiss", "/logout"]) {
      const text = await expectRefusedHtml(await postFrom(se.browser, EVIL, path, { prompt: "dashboard-level-up" }), 403);
      expect(text).toContain("This form was sent from another site");
    }

    expect((await prisma.poc.findUniqueOrThrow({ where: { id: poc.id } })).shareToken).toBe(poc.token);
    expect(await prisma.poc.count()).toBe(pocsBefore);
    expect(await prisma.pocTeamMember.count({ where: { pocId: poc.id } })).toBe(teamBefore);
    const connection = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: se.user.id } });
    expect(connection.accessTokenCipher).toBe("not-a-real-cipher");
    expect(connection.syncStatus).toBe("IDLE");
    expect(await prisma.promptDismissal.count({ where: { userId: se.user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: se.user.id } })).toBe(1);
    // A sibling subdomain is another site too; an opaque origin passes only when the browser vouches for it.
    await expectRefusedJson(await postFrom(se.browser, "http://shop.localhost:3000", `/api/v1/pocs/${poc.id}/team`, { name: "Sibling", side: "SENTRY" }), 403, "cross_site_request");
    await expectRefusedJson(await postFrom(se.browser, "null", `/api/v1/pocs/${poc.id}/team`, { name: "Opaque", side: "SENTRY" }), 403, "cross_site_request");
    expect((await postFrom(se.browser, "null", `/api/v1/pocs/${poc.id}/team`, { name: "No-referrer page", side: "SENTRY" }, { "Sec-Fetch-Site": "same-origin" })).status).toBe(201);
    await prisma.pocTeamMember.deleteMany({ where: { pocId: poc.id, name: "No-referrer page" } });
    // The same browser, from the site itself, still works.
    expect((await postFrom(se.browser, "http://localhost:3000", "/prompts/dismiss", { prompt: "dashboard-level-up" }, { "Sec-Fetch-Site": "same-origin" })).status).toBe(302);
    expect(await prisma.promptDismissal.count({ where: { userId: se.user.id } })).toBe(1);
  });

  it("refuses page actions (documents and single-fetch .data) with a 403 page, never Remix's 500 (cause 10)", async () => {
    const admin = await signedInBrowser("ADMIN");
    const student = await signedInBrowser("STUDENT");
    const se = await signedInBrowser("SE");
    const poc = await makePoc(se.user.id);
    const lesson = course.lessons[0];
    const victim = await createUser({ password: DEFAULT_PASSWORD });

    const attempts: [Browser, string, Record<string, string>][] = [
      [new Browser(), "/login", { email: victim.email, password: DEFAULT_PASSWORD }],
      [new Browser(), "/login.data", { email: victim.email, password: DEFAULT_PASSWORD }],
      [admin.browser, "/admin/users", { userId: student.user.id, role: "ADMIN" }],
      [student.browser, `/courses/${course.slug}/lessons/${lesson.slug}`, { intent: "note", body: "written by evil.example" }],
      [student.browser, `/courses/${course.slug}`, { intent: "enroll" }],
      [se.browser, `/staff/pocs/${poc.id}`, { intent: "edit", kind: "poc", id: poc.id, field: "goals", value: "evil", version: "1" }],
      [new Browser(), `/customer/${poc.token}/plan`, { intent: "status", kind: "milestone", id: poc.customerMilestone.id, version: "1", status: "BLOCKED" }],
    ];
    for (const [browser, path, fields] of attempts) {
      const response = await postFrom(browser, EVIL, path, fields);
      expect(response.status, path).toBe(403);
      expect(response.headers.get("Set-Cookie"), path).toBeNull();
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: student.user.id } })).role).toBe("STUDENT");
    expect(await prisma.note.count({ where: { userId: student.user.id } })).toBe(0);
    expect(await prisma.enrollment.count({ where: { userId: student.user.id } })).toBe(0);
    expect((await prisma.poc.findUniqueOrThrow({ where: { id: poc.id } })).goals).toBe("");
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: poc.customerMilestone.id } })).status).toBe(poc.customerMilestone.status);
    expect(await prisma.session.count({ where: { userId: victim.id } })).toBe(0);

    // The site's own origin passes (Remix's Host comparison no longer turns it into a 500).
    const own = await postFrom(new Browser(), "http://localhost:3000", "/login", { email: victim.email, password: DEFAULT_PASSWORD });
    expect(own.status).toBe(302);
  });

  it("refuses the customer portal's token-in-URL JSON writes from another site; API tokens (no cookie, no Origin) still write", async () => {
    const se = await signedInBrowser("SE");
    const poc = await makePoc(se.user.id);
    const before = await prisma.pocTeamMember.count({ where: { pocId: poc.id } });
    await expectRefusedJson(await sendJson(new Browser(), "POST", `/api/v1/customer/${poc.token}/team`, JSON.stringify({ name: "Mallory" }), { Origin: EVIL }), 403, "cross_site_request");
    await expectRefusedJson(await sendJson(new Browser(), "POST", `/api/v1/customer/${poc.token}/team`, JSON.stringify({ name: "Mallory" }), { Origin: "null" }), 403, "cross_site_request");
    expect(await prisma.pocTeamMember.count({ where: { pocId: poc.id } })).toBe(before);

    const { token } = await createApiToken(se.user.id, "guard test");
    const script = await new Browser().request(`/api/v1/pocs/${poc.id}/team`, {
      method: "POST",
      body: JSON.stringify({ name: "Added by a script", side: "SENTRY" }),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    });
    expect(script.status).toBe(201);
  });
});

describe("request body size (security review §3, finding 7)", () => {
  it("answers 413 with a message for a body over 1 MB, announced or streamed, before any route runs", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    const announced = await new Browser().request("/login", {
      method: "POST",
      body: `email=a%40b.c&password=${big}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(big.length + 23) },
    });
    expect(await expectRefusedHtml(announced, 413)).toContain("at most 1 MB");
    expect(announced.headers.get("Connection")).toBe("close");

    // Chunked: no Content-Length, the guard counts.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("y".repeat(100 * 1024)));
        controller.close();
      },
    });
    const chunked = await new Browser().request("/forgot-password", { method: "POST", body: stream, headers: { "Content-Type": "application/x-www-form-urlencoded" }, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);

    const json = await sendJson(new Browser(), "POST", "/api/v1/customer/whatever/team", JSON.stringify({ name: big }));
    await expectRefusedJson(json, 413, "payload_too_large");
    // Under the limit, the route answers as before.
    expect((await postFrom(new Browser(), null, "/forgot-password", { email: "x".repeat(1000) })).status).toBe(400);
  });
});

describe("input that crashed a request (security review §3, distinct 5xx causes)", () => {
  const errors: unknown[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    errors.length = 0;
  });
  const watchErrors = () => vi.spyOn(console, "error").mockImplementation((...args) => void errors.push(args));

  it("1: a write without a form body reads as an empty form (400 with field errors); another content type is a 415", async () => {
    const empty = await new Browser().request("/login", { method: "POST" });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toMatch(/email/i);
    const text = await new Browser().request("/forgot-password", { method: "POST", body: "x", headers: { "Content-Type": "text/plain" } });
    expect(await expectRefusedHtml(text, 415)).toContain("Send the body as a form");
    const jsonToPage = await sendJson(new Browser(), "POST", "/login", "{}");
    expect(jsonToPage.status).toBe(415);
    await expectRefusedJson(await new Browser().request("/api/v1/pocs", { method: "POST", body: "<x/>", headers: { "Content-Type": "application/xml" } }), 415, "unsupported_media_type");
  });

  it("2: a broken multipart body is a 400, on pages and in the JSON API", async () => {
    const se = await signedInBrowser("SE");
    const poc = await makePoc(se.user.id);
    const broken = { method: "POST", body: "broken", headers: { "Content-Type": "multipart/form-data; boundary=zzz" } };
    await expectRefusedJson(await new Browser().request(`/api/v1/customer/${poc.token}/team`, broken), 400, "invalid_request");
    expect(await expectRefusedHtml(await new Browser().request("/login", broken), 400)).toContain("multipart body is malformed");
    // The zip import streams its own (declared) upload: a broken one is its own 400, never a 500.
    const instructor = await signedInBrowser("INSTRUCTOR");
    for (const body of ["broken", "--zzz\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"a.zip\"\r\n\r\nPK", "--zzz--\r\n"]) {
      const upload = await instructor.browser.request("/instructor/import", { method: "POST", body, headers: { "Content-Type": "multipart/form-data; boundary=zzz", "Content-Length": String(body.length) } });
      expect(upload.status, body).toBeLessThan(500);
    }
  });

  it("3 and 4: NUL in a query string, a URL slug, a form field or a JSON string is a 400 (also into a JSON column)", async () => {
    const se = await signedInBrowser("SE");
    const poc = await makePoc(se.user.id);
    expect(await expectRefusedHtml(await new Browser().get("/courses?q=%00"), 400)).toContain("control character");
    expect((await new Browser().get("/courses/%00")).status).toBe(400);
    await expectRefusedJson(await sendJson(new Browser(), "POST", `/api/v1/customer/${poc.token}/team`, '{"name":"a\\u0000b"}'), 400, "invalid_request");
    // Half a UTF-16 pair (JSON can spell it, PostgreSQL cannot store it; found by the fuzz test).
    await expectRefusedJson(await sendJson(new Browser(), "POST", `/api/v1/customer/${poc.token}/team`, '{"name":"a\\ud800b"}'), 400, "invalid_request");
    // A quiz option's text goes into a JSON column (cause 4).
    const admin = await signedInBrowser("ADMIN");
    const quiz = course.quizzes[0];
    const question = quiz.questions[0];
    const response = await postFrom(admin.browser, null, `/instructor/courses/${course.id}/quizzes/${quiz.id}`, {
      intent: "save-question",
      questionId: question.id,
      kind: "SINGLE",
      prompt: "Which call sends an error?",
      explanation: "",
      "options[0].text": "\u0000",
      "options[0].correct": "on",
      "options[1].text": "console.log",
    });
    expect(await expectRefusedHtml(response, 400)).toContain("NUL character");
    // A CR/LF in a value that ends up in a header (cause 11) never reaches it.
    const login = await new Browser().get("/login?redirectTo=%2F%0D%0Ax");
    expect(login.status).toBe(400);
    expect((await admin.browser.get("/login?redirectTo=%2F%0D%0Ax")).status).toBe(400);
    // The same in a form body: never a 500 (a 400 here; a 302 to a safe path once safeRedirect drops it).
    const victim = await createUser({ password: DEFAULT_PASSWORD });
    const posted = await postFrom(new Browser(), null, "/login", { email: victim.email, password: DEFAULT_PASSWORD, redirectTo: "/\r\nx" });
    expect([302, 400]).toContain(posted.status);
    if (posted.status === 302) expect(posted.headers.get("Location")).not.toMatch(/[\r\n]/);
    // Text with ordinary line breaks in a form is fine.
    const note = await postFrom(admin.browser, null, `/courses/${course.slug}/lessons/${course.lessons[0].slug}`, { intent: "note", body: "line one\r\nline two" });
    expect(note.status).toBe(302);
  });

  it("5 and 7: prototype keys (constructor, __proto__, toString) are ordinary unknown fields (400), not a TypeError", async () => {
    const se = await signedInBrowser("SE");
    const poc = await makePoc(se.user.id);
    watchErrors();
    for (const key of ["constructor", "toString", "__proto__"]) {
      const body = await expectRefusedJson(await sendJson(new Browser(), "POST", `/api/v1/customer/${poc.token}/team`, `{"${key}":1}`), 400, "invalid_request");
      expect(Object.keys(body.fields)).toContain(key === "__proto__" ? "name" : key);
      const form = await postFrom(new Browser(), null, `/api/v1/customer/${poc.token}/team`, { [key]: "x" });
      expect(form.status).toBe(400);
    }
    for (const field of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const response = await postFrom(se.browser, null, `/staff/pocs/${poc.id}`, { intent: "edit", kind: "milestone", id: poc.anyMilestone.id, field, value: "x", version: "1" });
      expect(response.status, field).toBe(400);
    }
    expect(errors).toEqual([]);
  });

  it("6: a version beyond int4 is a 400 in the customer API, the customer form and the staff cell form", async () => {
    const se = await signedInBrowser("SE");
    const poc = await makePoc(se.user.id);
    watchErrors();
    const row = poc.customerMilestone;
    for (const version of [2147483648, 1e23]) {
      const api = await sendJson(new Browser(), "PATCH", `/api/v1/customer/${poc.token}/milestones/${row.id}`, JSON.stringify({ version, status: "BLOCKED" }));
      expect((await expectRefusedJson(api, 400, "invalid_request")).fields.version).toBeDefined();
      const form = await postFrom(new Browser(), null, `/customer/${poc.token}/plan`, { intent: "status", kind: "milestone", id: row.id, version: String(version), status: "BLOCKED" });
      expect(form.status).toBe(400);
      const staff = await postFrom(se.browser, null, `/staff/pocs/${poc.id}`, { intent: "edit", kind: "milestone", id: row.id, field: "title", value: "x", version: String(version) });
      expect(staff.status).toBe(400);
    }
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: row.id } })).status).toBe(row.status);
    expect(errors).toEqual([]);
  });

  it("8: a job queue name pg-boss would refuse is a 400 on /admin/jobs", async () => {
    const admin = await signedInBrowser("ADMIN");
    watchErrors();
    const response = await postFrom(admin.browser, null, "/admin/jobs", { name: "a b", id: "6f1c8f52-3a8e-4c55-9a0e-6b7a1f0c2d3e" });
    expect(response.status).toBe(400);
    expect(errors).toEqual([]);
  });

  it("9: parallel sign-ups with one email, parallel enrolments (page and API) and prompt dismissals answer as if sequential", async () => {
    watchErrors();
    const email = uniqueEmail("race");
    const signups = await Promise.all(
      Array.from({ length: 12 }, () => postFrom(new Browser(`198.51.100.${Math.floor(Math.random() * 200)}`), null, "/signup", { name: "Racer", email, password: DEFAULT_PASSWORD, confirmPassword: DEFAULT_PASSWORD })),
    );
    const statuses = signups.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(await prisma.user.count({ where: { email } })).toBe(1);

    const student = await signedInBrowser("STUDENT");
    const pages = await Promise.all(Array.from({ length: 12 }, () => postFrom(student.browser, null, `/courses/${course.slug}`, { intent: "enroll" })));
    expect(pages.map((r) => r.status).filter((s) => s !== 302)).toEqual([]);
    const other = await signedInBrowser("STUDENT");
    const api = await Promise.all(Array.from({ length: 12 }, () => sendJson(other.browser, "POST", "/api/enrollments", JSON.stringify({ courseId: course.id }), { "Sec-Fetch-Site": "same-origin" })));
    const apiStatuses = api.map((r) => r.status).sort();
    expect(apiStatuses.filter((s) => s === 201)).toHaveLength(1);
    expect(apiStatuses.filter((s) => s !== 201 && s !== 200)).toEqual([]);
    const dismissals = await Promise.all(Array.from({ length: 12 }, () => postFrom(student.browser, null, "/prompts/dismiss", { prompt: "catalogue-banner" })));
    expect(dismissals.map((r) => r.status).filter((s) => s !== 302)).toEqual([]);
    expect(await prisma.promptDismissal.count({ where: { userId: student.user.id } })).toBe(1);
    expect(errors).toEqual([]);
  });

  it("13: an unknown customer link's .data request is a 404 without 'Body is unusable' in the log", async () => {
    watchErrors();
    const response = await new Browser().get("/customer/invalidtoken_invalidtoken_xx.data");
    expect(response.status).toBe(404);
    await response.text();
    expect((await new Browser().get("/customer/invalidtoken_invalidtoken_xx")).status).toBe(404);
    expect(errors.map(String).join("\n")).not.toContain("Body is unusable");
    expect(errors).toEqual([]);
  });
});
