/**
 * The customer share portal (/customer/:token) without JavaScript: every view,
 * the plain 404 for unknown, revoked, replaced and expired links, one POC's link
 * never reaching another POC's rows, what the customer may and may not change,
 * the tech stack's documentation links and courses, and the customer's team.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createPoc, newShareToken, regenerateShareLink, revokeShareLink } from "~/modules/poc/poc.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { createUser } from "../support/factories.ts";

type Staff = { kind: "staff"; userId: string; name: string };
let staff: Staff;

const VIEWS = ["", "/plan", "/phases", "/criteria", "/tech", "/team"] as const;
const day = 86_400_000;

beforeAll(async () => {
  // The starter catalogue: the tech view links matching Academy courses.
  const { importContent, CONTENT_DIR } = await import("../../prisma/seed/catalog.ts");
  await importContent(prisma, CONTENT_DIR, { publish: true });
  const se = await createUser({ role: "SE", name: "Sam Solutions" });
  staff = { kind: "staff", userId: se.id, name: se.name };
});

let counter = 0;
/** A POC from the default templates, a secret internal note, both teams, and a customer link. */
async function makePoc(customerName = `Acme ${++counter} Corp`) {
  const marker = `INTERNAL-${Math.random().toString(36).slice(2)}-${counter}`;
  const poc = await createPoc(
    { customerName, accountDomain: `acme${counter}.example`, ownerId: staff.userId, startDate: new Date(Date.now() - 20 * day), endDate: new Date(Date.now() + 10 * day), goals: "See slow checkouts before customers do." },
    staff,
  );
  await prisma.poc.update({ where: { id: poc.id }, data: { internalNotes: `Budget talk: ${marker}` } });
  await prisma.pocTeamMember.createMany({
    data: [
      { pocId: poc.id, position: 0, side: "SENTRY", name: "Avery Account", email: "avery@sentry.example", role: "Account executive" },
      { pocId: poc.id, position: 1, side: "CUSTOMER", name: "Jamie Rivera", email: "jamie@acme.example", role: "Engineering lead" },
    ],
  });
  const token = await regenerateShareLink(poc.id, null, staff);
  const rows = await prisma.poc.findUniqueOrThrow({
    where: { id: poc.id },
    include: { milestones: { orderBy: { position: "asc" } }, tasks: { orderBy: { position: "asc" } }, team: true },
  });
  return {
    id: poc.id,
    customerName,
    marker,
    token,
    base: `/customer/${token}`,
    customerMilestone: rows.milestones.find((m) => m.side === "CUSTOMER")!,
    sentryMilestone: rows.milestones.find((m) => m.side === "SENTRY")!,
    customerTask: rows.tasks.find((t) => t.side === "CUSTOMER")!,
    sentryTask: rows.tasks.find((t) => t.side === "SENTRY")!,
    customerMember: rows.team.find((m) => m.side === "CUSTOMER")!,
    sentryMember: rows.team.find((m) => m.side === "SENTRY")!,
  };
}

/** Posts fields that may repeat (checkbox groups), as a browser does. */
function postPairs(browser: Browser, path: string, pairs: [string, string][]) {
  return browser.request(path, { method: "POST", body: new URLSearchParams(pairs), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

const statusPost = (kind: "milestone" | "task", row: { id: string; version: number }, status: string) => ({
  intent: "status",
  kind,
  id: row.id,
  version: String(row.version),
  status,
});

describe("the six views", () => {
  it("render for the link's holder with the customer's name, never staff-only data, and are never cached or indexed", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    for (const view of VIEWS) {
      const response = await browser.get(`${poc.base}${view}`);
      expect(response.status, view).toBe(200);
      expect(response.headers.get("Cache-Control"), view).toBe("no-store");
      expect(response.headers.get("X-Robots-Tag"), view).toContain("noindex");
      expect(response.headers.get("Referrer-Policy"), view).toBe("same-origin");
      const html = await response.text();
      expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
      expect(visibleText(html)).toContain(poc.customerName);
      expect(visibleText(html)).toContain("Proof of concept with Sentry");
      // Co-branded (decision 031): "<customer> with Sentry" and their initials, not the Academy's header or footer.
      expect(visibleText(html)).toContain(`Shared with ${poc.customerName} by Sam Solutions at Sentry. No login needed`);
      expect(html).toMatch(/<header[^>]*>[\s\S]*?with <span[^>]*>Sentry<\/span>[\s\S]*?<\/header>/);
      expect(html).toContain('data-testid="customer-monogram"');
      const frame = visibleText(`${html.match(/<header[\s\S]*?<\/header>/)?.[0]} ${html.match(/<footer[\s\S]*?<\/footer>/)?.[0]}`);
      expect(frame).toContain(`${poc.customerName} with Sentry`);
      expect(frame).not.toContain("Sentry Academy");
      expect(html).not.toContain("learn to see what your software is doing");
      // Internal notes, staff activity and links into the staff portal never reach the customer.
      expect(html, view).not.toContain(poc.marker);
      expect(html).not.toContain("Budget talk");
      expect(html).not.toContain("created the POC from the templates");
      expect(html).not.toMatch(/href="\/staff/);
      // The nav marks the current view.
      expect(html).toMatch(new RegExp(`<a[^>]*aria-current="page"[^>]*href="${poc.base.replace(/[/$]/g, "\\$&")}${view}"|<a[^>]*href="${poc.base.replace(/[/$]/g, "\\$&")}${view}"[^>]*aria-current="page"`));
    }
    // The data requests of the JS-on app carry the same headers.
    const data = await browser.get(`${poc.base}/plan.data`);
    expect(data.status).toBe(200);
    expect(data.headers.get("Cache-Control")).toBe("no-store");
    expect(await data.text()).not.toContain(poc.marker);
  });

  it("shows the overview, the plan, the phases, the criteria and both teams", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    const overview = visibleText(await (await browser.get(poc.base)).text());
    expect(overview).toContain("See slow checkouts before customers do.");
    expect(overview).toContain("Your Sentry contact");
    expect(overview).toContain("Sam Solutions");
    expect(overview).toMatch(/Overdue/); // the template's early items are past due after 20 days
    const plan = visibleText(await (await browser.get(`${poc.base}/plan`)).text());
    expect(plan).toContain(poc.customerMilestone.title);
    expect(plan).toContain(poc.sentryMilestone.title);
    expect(plan).toContain("Updated by Sentry");
    // Dates read as on the staff pages (utils/dates.ts): "6 Jan 2030", never the US "Jan 6, 2030".
    expect(overview).toMatch(/\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/);
    expect(plan).toMatch(/Due \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/);
    expect(`${overview}\n${plan}`).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/);
    const phases = visibleText(await (await browser.get(`${poc.base}/phases`)).text());
    expect(phases).toContain("Phase 1: Setup");
    expect(phases).toContain(poc.customerTask.title);
    const criteria = visibleText(await (await browser.get(`${poc.base}/criteria`)).text());
    expect(criteria).toContain("Slow transactions are found and explained");
    expect(criteria).toContain("Confirm your tech stack");
    const team = visibleText(await (await browser.get(`${poc.base}/team`)).text());
    expect(team).toContain("Avery Account");
    expect(team).toContain("Account executive");
    expect(team).toContain("Add someone to your team");
  });
});

describe("the customer's logo", () => {
  it("shows the logo the SE set, and allows only its origin for images on that page", async () => {
    const poc = await makePoc();
    await prisma.poc.update({ where: { id: poc.id }, data: { customerLogoUrl: "https://cdn.acme.example/brand/logo.svg" } });
    const response = await new Browser().get(`${poc.base}/plan`);
    expect(response.status).toBe(200);
    // security-headers.server.ts turns this into the CSP's img-src for this response only (its own test).
    expect(response.headers.get("X-Allow-Image-Origin")).toBe("https://cdn.acme.example");
    const html = await response.text();
    expect(html).toMatch(/<img src="https:\/\/cdn\.acme\.example\/brand\/logo\.svg" alt="" referrerPolicy="no-referrer"/i);
    expect(html).not.toContain('data-testid="customer-monogram"');
  });

  it("shows the initials for a value stored before the https rule, and widens nothing", async () => {
    const poc = await makePoc("Initech Labs");
    await prisma.poc.update({ where: { id: poc.id }, data: { customerLogoUrl: "http://tracker.example/pixel.gif" } });
    const response = await new Browser().get(poc.base);
    expect(response.headers.get("X-Allow-Image-Origin")).toBeNull();
    const html = await response.text();
    expect(html).not.toContain("tracker.example");
    expect(html).toMatch(/data-testid="customer-monogram"[^>]*>IL</);
  });
});

describe("links that don't work answer a plain 404", () => {
  const POSTS: [string, Record<string, string>][] = [
    ["/plan", { intent: "status", kind: "milestone", id: "x", version: "1", status: "COMPLETED" }],
    ["/phases", { intent: "status", kind: "task", id: "x", version: "1", status: "COMPLETED" }],
    ["/team", { intent: "add-member", name: "Mallory", email: "mallory@example.com" }],
    ["/team", { intent: "edit-member", id: "x", version: "1", name: "Mallory" }],
    ["/tech", { intent: "confirm-tech", platforms: "python" }],
  ];

  async function expectDead(token: string, pocId: string | null) {
    const browser = new Browser();
    const pages: string[] = [];
    for (const view of VIEWS) {
      const response = await browser.get(`/customer/${token}${view}`);
      expect(response.status, `GET ${view}`).toBe(404);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      const html = await response.text();
      expect(visibleText(html)).toContain("We couldn't find that page");
      pages.push(html.replaceAll(token, "TOKEN"));
    }
    for (const [view, fields] of POSTS) {
      const response = await browser.post(`/customer/${token}${view}`, fields);
      expect(response.status, `POST ${view} ${fields.intent}`).toBe(404);
    }
    if (pocId) {
      const poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId }, include: { team: true } });
      expect(poc.team.some((m) => m.name === "Mallory")).toBe(false);
      expect(poc.techConfirmedAt).toBeNull();
    }
    return pages;
  }

  it("for unknown, malformed, revoked, replaced and expired tokens alike", async () => {
    const unknown = await expectDead(newShareToken(), null);
    await expectDead("short", null);

    const revoked = await makePoc();
    await revokeShareLink(revoked.id, staff);
    const revokedPages = await expectDead(revoked.token, revoked.id);

    const replaced = await makePoc();
    const fresh = await regenerateShareLink(replaced.id, null, staff);
    await expectDead(replaced.token, replaced.id);
    expect((await new Browser().get(`/customer/${fresh}`)).status).toBe(200);

    const expired = await makePoc();
    await prisma.poc.update({ where: { id: expired.id }, data: { shareExpiresAt: new Date(Date.now() - 60_000) } });
    const expiredPages = await expectDead(expired.token, expired.id);

    // Nothing tells an unknown token from a revoked or expired one, and nothing names the customer.
    expect(revokedPages).toEqual(unknown);
    expect(expiredPages).toEqual(unknown);
    for (const page of [...revokedPages, ...expiredPages]) {
      expect(page).not.toContain(revoked.customerName);
      expect(page).not.toContain(expired.customerName);
    }
  });

  it("while a link with a future expiry still works", async () => {
    const poc = await makePoc();
    await prisma.poc.update({ where: { id: poc.id }, data: { shareExpiresAt: new Date(Date.now() + day) } });
    expect((await new Browser().get(poc.base)).status).toBe(200);
  });
});

describe("one POC's link never reaches another POC", () => {
  it("answers 404 for B's milestone, task and team member through A's link and changes nothing", async () => {
    const a = await makePoc();
    const b = await makePoc();
    const browser = new Browser();

    let response = await browser.post(`${a.base}/plan`, statusPost("milestone", b.customerMilestone, "COMPLETED"));
    expect(response.status).toBe(404);
    response = await browser.post(`${a.base}/phases`, statusPost("task", b.customerTask, "COMPLETED"));
    expect(response.status).toBe(404);
    response = await browser.post(`${a.base}/team`, { intent: "edit-member", id: b.customerMember.id, version: String(b.customerMember.version), name: "Hijacked", email: "", role: "" });
    expect(response.status).toBe(404);

    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: b.customerMilestone.id } })).toMatchObject({ status: "NOT_STARTED", version: 1, updatedBy: null });
    expect(await prisma.pocTask.findUniqueOrThrow({ where: { id: b.customerTask.id } })).toMatchObject({ status: "NOT_STARTED", version: 1, updatedBy: null });
    expect(await prisma.pocTeamMember.findUniqueOrThrow({ where: { id: b.customerMember.id } })).toMatchObject({ name: "Jamie Rivera", version: 1 });
    expect(await prisma.pocActivity.count({ where: { pocId: { in: [a.id, b.id] }, byCustomer: true } })).toBe(0);
  });
});

describe("what the customer may change", () => {
  it("sets the status of a customer-owned milestone and task, attributed to the customer", async () => {
    const poc = await makePoc();
    const browser = new Browser();

    // Without JS a save redirects back to the page at the row (POST/redirect/GET, decision 031): a refresh never posts again.
    let response = await browser.post(`${poc.base}/plan`, statusPost("milestone", poc.customerMilestone, "COMPLETED"));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${poc.base}/plan#milestone-${poc.customerMilestone.id}`);
    const saved = await (await browser.follow(response)).text();
    expect(visibleText(saved)).toContain(`Saved: “${poc.customerMilestone.title}” is now Completed.`);
    // The completed row reads as done: its marker is a check mark and the select is behind "Change status".
    const row = saved.slice(saved.indexOf(`id="milestone-${poc.customerMilestone.id}"`));
    expect(row.slice(0, row.indexOf("</li>"))).toMatch(/data-status="COMPLETED"[\s\S]*>✓<\/span>[\s\S]*\(completed\)[\s\S]*<summary[^>]*>Change status<\/summary>/);
    const milestone = await prisma.pocMilestone.findUniqueOrThrow({ where: { id: poc.customerMilestone.id } });
    expect(milestone).toMatchObject({ status: "COMPLETED", updatedBy: "customer", version: 2 });

    response = await browser.post(`${poc.base}/phases`, statusPost("task", poc.customerTask, "BLOCKED"));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${poc.base}/phases#task-${poc.customerTask.id}`);
    const task = await prisma.pocTask.findUniqueOrThrow({ where: { id: poc.customerTask.id } });
    expect(task).toMatchObject({ status: "BLOCKED", updatedBy: "customer", version: 2 });

    const activity = await prisma.pocActivity.findMany({ where: { pocId: poc.id, byCustomer: true }, orderBy: { at: "asc" } });
    expect(activity.map((a) => [a.actor, a.summary])).toEqual([
      ["customer", `set the status of milestone “${poc.customerMilestone.title}” to Completed`],
      ["customer", `set the status of task “${poc.customerTask.title}” to Blocked`],
    ]);

    // The plan now marks the change as theirs; the progress counts it.
    const plan = visibleText(await (await browser.get(`${poc.base}/plan`)).text());
    expect(plan).toContain("Updated by you");
    expect(plan).toContain("1 of 6 milestones completed");

    // With JS the fetcher sends stay=1 and gets the answer in place (no navigation).
    response = await browser.post(`${poc.base}/phases`, { ...statusPost("task", { id: poc.customerTask.id, version: 2 }, "IN_PROGRESS"), stay: "1" });
    expect(response.status).toBe(200);
    expect(visibleText(await response.text())).toContain("✓ Saved");
    expect(await prisma.pocTask.findUniqueOrThrow({ where: { id: poc.customerTask.id } })).toMatchObject({ status: "IN_PROGRESS", version: 3 });
  });

  it("answers a bad status with a 400 next to the row, without a redirect or a write", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    const response = await browser.post(`${poc.base}/phases`, statusPost("task", poc.customerTask, "DONE-ISH"));
    expect(response.status).toBe(400);
    const html = await response.text();
    const row = html.slice(html.indexOf(`id="task-${poc.customerTask.id}"`));
    expect(visibleText(row.slice(0, row.indexOf("</li>")))).toContain("Choose a status from the list and save again.");
    expect(await prisma.pocTask.findUniqueOrThrow({ where: { id: poc.customerTask.id } })).toMatchObject({ status: "NOT_STARTED", version: 1 });
  });

  it("refuses the status of Sentry-owned milestones and tasks with a 403 and a plain message", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    let response = await browser.post(`${poc.base}/plan`, statusPost("milestone", poc.sentryMilestone, "COMPLETED"));
    expect(response.status).toBe(403);
    expect(visibleText(await response.text())).toContain("The Sentry team owns this item, so only they can change its status.");
    response = await browser.post(`${poc.base}/phases`, statusPost("task", poc.sentryTask, "COMPLETED"));
    expect(response.status).toBe(403);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: poc.sentryMilestone.id } })).toMatchObject({ status: "NOT_STARTED", version: 1 });
    expect(await prisma.pocTask.findUniqueOrThrow({ where: { id: poc.sentryTask.id } })).toMatchObject({ status: "NOT_STARTED", version: 1 });
  });

  it("shows a newer change next to the select and keeps the customer's choice", async () => {
    const poc = await makePoc();
    // The SE changed the milestone after the customer's page loaded.
    await prisma.pocMilestone.update({ where: { id: poc.customerMilestone.id }, data: { status: "IN_PROGRESS", version: 2, updatedBy: "Sam Solutions" } });
    const response = await new Browser().post(`${poc.base}/plan`, statusPost("milestone", poc.customerMilestone, "BLOCKED"));
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(visibleText(html)).toContain("Changed meanwhile by Sam Solutions: In progress");
    expect(html).toMatch(/<option value="BLOCKED" selected="">/);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: poc.customerMilestone.id } })).toMatchObject({ status: "IN_PROGRESS", version: 2 });
  });
});

describe("the tech stack", () => {
  it("confirms React and Django and lists their docs, the tracing pages and an Academy course", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    const response = await postPairs(browser, `${poc.base}/tech`, [
      ["intent", "confirm-tech"],
      ["platforms", "javascript-react"],
      ["platforms", "python-django"],
      ["notes", "Storefront in React, API in Django"],
    ]);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${poc.base}/tech`);
    const stored = await prisma.poc.findUniqueOrThrow({ where: { id: poc.id } });
    expect(stored).toMatchObject({ techStack: ["javascript-react", "python-django"], techStackNotes: "Storefront in React, API in Django", techConfirmedBy: "customer" });
    expect(await prisma.pocActivity.count({ where: { pocId: poc.id, byCustomer: true, summary: { contains: "confirmed the tech stack" } } })).toBe(1);

    const page = await browser.follow(response);
    expect(page.status).toBe(200);
    const html = await page.text();
    const text = visibleText(html);
    expect(text).toContain("Thanks, your tech stack is confirmed");
    expect(text).toContain("Confirmed by you");
    expect(html).toContain('href="https://docs.sentry.io/platforms/javascript/guides/react/"');
    expect(html).toContain('href="https://docs.sentry.io/platforms/python/guides/django/"');
    expect(html).toContain('href="https://docs.sentry.io/platforms/javascript/guides/react/tracing/"');
    expect(html).toContain('href="https://docs.sentry.io/platforms/python/guides/django/tracing/"');
    expect(text).toContain("Tracing & performance for React");
    // Session Replay is a success criterion too, and a server has no screen to replay.
    expect(text).toMatch(/Doesn't apply to Django: Session Replay records/);
    expect(text).toContain("Tracing and performance monitoring");
    // The checkboxes keep the confirmed choice.
    expect(html).toMatch(/value="javascript-react" checked=""|checked="" [^>]*value="javascript-react"/);

    // The criteria view now has the pages for these platforms.
    const criteria = await (await browser.get(`${poc.base}/criteria`)).text();
    expect(criteria).toContain('href="https://docs.sentry.io/platforms/python/guides/django/tracing/"');
  });

  it("refuses an empty or unknown stack with the error next to the list", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    let response = await postPairs(browser, `${poc.base}/tech`, [["intent", "confirm-tech"], ["notes", "kept"]]);
    expect(response.status).toBe(400);
    let html = await response.text();
    expect(visibleText(html)).toContain("Choose at least one platform");
    expect(html).toContain(">kept</textarea>");
    response = await postPairs(browser, `${poc.base}/tech`, [["intent", "confirm-tech"], ["platforms", "cobol-mainframe"]]);
    expect(response.status).toBe(400);
    html = await response.text();
    expect(visibleText(html)).toContain("One of the platforms isn't in our list");
    expect((await prisma.poc.findUniqueOrThrow({ where: { id: poc.id } })).techConfirmedAt).toBeNull();
  });
});

describe("the customer's team", () => {
  it("adds a member, and a bad email is explained next to the field with the name kept", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    let response = await browser.post(`${poc.base}/team`, { intent: "add-member", name: "Riley Chen", email: "not-an-email", role: "Developer" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(visibleText(html)).toContain("Enter an email address like name@example.com");
    expect(html).toMatch(/value="Riley Chen"/);
    expect(html).toMatch(/aria-invalid="true"/);
    expect(await prisma.pocTeamMember.count({ where: { pocId: poc.id, name: "Riley Chen" } })).toBe(0);

    response = await browser.post(`${poc.base}/team`, { intent: "add-member", name: "Riley Chen", email: "riley@acme.example", role: "Developer" });
    expect(response.status).toBe(302);
    const page = visibleText(await (await browser.follow(response)).text());
    expect(page).toContain("Riley Chen is now on your team");
    const row = await prisma.pocTeamMember.findFirstOrThrow({ where: { pocId: poc.id, name: "Riley Chen" } });
    expect(row).toMatchObject({ side: "CUSTOMER", email: "riley@acme.example", role: "Developer", updatedBy: "customer" });
    expect(await prisma.pocActivity.count({ where: { pocId: poc.id, byCustomer: true, summary: "added customer team member Riley Chen" } })).toBe(1);
  });

  it("edits a customer member inline, but not a Sentry member", async () => {
    const poc = await makePoc();
    const browser = new Browser();
    const m = poc.customerMember;
    let response = await browser.post(`${poc.base}/team`, { intent: "edit-member", id: m.id, version: String(m.version), name: "Jamie Rivera", email: "jamie.r@acme.example", role: "VP Engineering" });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${poc.base}/team#member-${m.id}`);
    expect(visibleText(await (await browser.follow(response)).text())).toContain("Saved: Jamie Rivera.");
    // Both changed fields in one versioned write (decision 021): one version step, one activity line.
    expect(await prisma.pocTeamMember.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ email: "jamie.r@acme.example", role: "VP Engineering", updatedBy: "customer", version: m.version + 1 });
    const edits = await prisma.pocActivity.findMany({ where: { pocId: poc.id, byCustomer: true, data: { path: ["action"], equals: "edited" } } });
    expect(edits.map((a) => a.data)).toEqual([
      { action: "edited", row: { kind: "member", title: m.name }, changes: expect.arrayContaining([expect.objectContaining({ field: "email", new: "jamie.r@acme.example" }), expect.objectContaining({ field: "role", new: "VP Engineering" })]) },
    ]);

    // A stale version: the newer value shows next to the field, the typed one is kept.
    response = await browser.post(`${poc.base}/team`, { intent: "edit-member", id: m.id, version: String(m.version), name: "Jamie R.", email: "jamie.r@acme.example", role: "VP Engineering" });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(visibleText(html)).toContain("Changed meanwhile by someone on your team: Jamie Rivera");
    expect(html).toMatch(/value="Jamie R\."/);

    response = await browser.post(`${poc.base}/team`, { intent: "edit-member", id: poc.sentryMember.id, version: "1", name: "Renamed", email: "", role: "" });
    expect(response.status).toBe(403);
    expect(visibleText(await response.text())).toContain("Members of the Sentry team are managed by Sentry");
    expect(await prisma.pocTeamMember.findUniqueOrThrow({ where: { id: poc.sentryMember.id } })).toMatchObject({ name: "Avery Account", version: 1 });
  });
});
