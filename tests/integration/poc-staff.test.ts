/**
 * The staff POC portal without JavaScript, over the built app: who may open it,
 * creating a POC from the templates (and a refused create that keeps what was
 * typed), editing cells with the version check (two people on one cell), adding,
 * moving and removing rows, overdue flags, the customer link, the tech stack's
 * documentation links, and the admin's template editor.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_POC_TEMPLATES } from "~/data/poc-templates.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";

async function text(response: Response) {
  return visibleText(await response.text());
}

let counter = 0;
/** Creates a POC through the form, as a browser without JavaScript does; returns its id. */
async function createPoc(browser: Browser, ownerId: string, overrides: Record<string, string> = {}) {
  counter += 1;
  const response = await browser.post("/staff/pocs/new", {
    customerName: `Customer ${counter}`,
    accountDomain: `customer-${counter}.example.com`,
    ownerId,
    startDate: "2030-01-06",
    endDate: "2030-02-06",
    goals: "Prove that Sentry finds slow checkouts",
    ...overrides,
  });
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  expect(location).toMatch(/^\/staff\/pocs\/[a-z0-9]+$/);
  return location.split("/").pop()!;
}

async function milestones(pocId: string) {
  return prisma.pocMilestone.findMany({ where: { pocId }, orderBy: { position: "asc" } });
}

/** The titles the read view shows (milestones, tasks, criteria, members), in page order. */
function shownTitles(html: string) {
  return [...html.matchAll(/data-title="true">([^<]*)</g)].map((m) => visibleText(m[1]).trim());
}

/** The fields of a cell's form. */
function edit(row: { id: string; version: number }, kind: string, field: string, value: string, extra: Record<string, string> = {}) {
  return { intent: "edit", kind, id: row.id, version: String(row.version), field, value, ...extra };
}

describe("who may use the staff portal", () => {
  it("answers 403 to a student on the list, a workspace and a form post, and sends guests to log in", async () => {
    const { browser: se, user } = await signedInBrowser("SE");
    const pocId = await createPoc(se, user.id);
    const { browser: student } = await signedInBrowser("STUDENT");
    for (const path of ["/staff", "/staff/pocs/new", `/staff/pocs/${pocId}`, `/staff/pocs/${pocId}/plan`, `/staff/pocs/${pocId}/tech`]) {
      const response = await student.get(path);
      expect(response.status, path).toBe(403);
      expect(await text(response)).toContain("You don't have access to this page");
    }
    const [first] = await milestones(pocId);
    const post = await student.post(`/staff/pocs/${pocId}/plan`, edit(first, "milestone", "title", "Hacked"));
    expect(post.status).toBe(403);
    expect((await student.post(`/staff/pocs/${pocId}`, { intent: "share-link" })).status).toBe(403);
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: first.id } })).title).toBe(first.title);
    expect((await prisma.poc.findUniqueOrThrow({ where: { id: pocId } })).shareToken).toBeNull();

    const guest = await new Browser().get(`/staff/pocs/${pocId}`);
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/staff/pocs/${pocId}`)}`);
  });

  it("answers 404 for an unknown POC and for a row of another POC", async () => {
    const { browser, user } = await signedInBrowser("SE");
    expect((await browser.get("/staff/pocs/no-such-poc")).status).toBe(404);
    expect((await browser.post("/staff/pocs/no-such-poc/plan", { intent: "add", kind: "milestone", title: "x" })).status).toBe(404);
    const a = await createPoc(browser, user.id);
    const b = await createPoc(browser, user.id);
    const [ofB] = await milestones(b);
    const response = await browser.post(`/staff/pocs/${a}/plan`, edit(ofB, "milestone", "title", "Not yours"));
    expect(response.status).toBe(404);
    expect((await browser.post(`/staff/pocs/${a}/plan`, { intent: "remove", kind: "milestone", id: ofB.id })).status).toBe(404);
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: ofB.id } })).title).toBe(ofB.title);
  });

  it("says what is missing, and keeps the workspace's header and tabs when a tab's form fails", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const unknown = await browser.get("/staff/pocs/no-such-poc");
    expect(unknown.status).toBe(404);
    expect(await text(unknown)).toContain("There is no POC at this address.");

    const a = await createPoc(browser, user.id, { customerName: "Header Stays Inc" });
    const b = await createPoc(browser, user.id);
    const [ofB] = await milestones(b);
    const response = await browser.post(`/staff/pocs/${a}/plan`, { intent: "remove", kind: "milestone", id: ofB.id });
    expect(response.status).toBe(404);
    const html = await response.text();
    const shown = visibleText(html);
    expect(shown).toContain("That row isn't part of this POC (it may have been removed).");
    expect(html).toMatch(/<h1[^>]*>Header Stays Inc<\/h1>/);
    // The tabs are still there, and the error is the tab's h2 (the page keeps one h1).
    expect(shown).toContain("Mutual Action Plan");
    expect(html).toMatch(/<h2 id="status-title"[^>]*>We couldn&#x27;t find that page<\/h2>/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);

    const unknownIntent = await browser.post(`/staff/pocs/${a}/plan`, { intent: "nothing" });
    expect(unknownIntent.status).toBe(400);
    const unknownHtml = await unknownIntent.text();
    expect(visibleText(unknownHtml)).toContain("That form asked for something this page doesn't do.");
    expect(unknownHtml).toMatch(/<h1[^>]*>Header Stays Inc<\/h1>/);
  });
});

describe("the POC list", () => {
  it("shows 50 POCs a page, most recently updated first, with links that keep the filters", async () => {
    const { browser, user } = await signedInBrowser("SE", { name: "Busy SE" });
    await prisma.poc.createMany({
      data: Array.from({ length: 53 }, (_, i) => ({
        customerName: `Listed ${String(i).padStart(2, "0")}`,
        accountDomain: `listed-${i}.example.com`,
        ownerId: user.id,
        updatedAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
      })),
    });
    const first = await browser.get(`/staff?owner=${user.id}`);
    expect(first.status).toBe(200);
    const html = await first.text();
    const page1 = visibleText(html);
    expect(page1).toContain("53 POCs matching the filters · showing 1–50, most recently updated first");
    expect(page1).toContain("Listed 52");
    expect(page1).toContain("Listed 03");
    expect(page1).not.toContain("Listed 02");
    expect(page1).toContain("Page 1 of 2");
    expect(html).toContain(`href="/staff?owner=${user.id}&amp;page=2"`);

    const page2 = await text(await browser.get(`/staff?owner=${user.id}&page=2`));
    expect(page2).toContain("showing 51–53");
    for (const name of ["Listed 02", "Listed 01", "Listed 00"]) expect(page2).toContain(name);
    expect(page2).not.toContain("Listed 03");
    expect(page2).toContain("Previous page");

    const past = await browser.get(`/staff?owner=${user.id}&page=7`);
    expect(past.status).toBe(200);
    expect(visibleText(await past.text())).toContain("There is no page 7: the list has 2 pages. Go to the last page");
    expect((await browser.get(`/staff?owner=${user.id}&page=nonsense`)).status).toBe(200);
  });
});

describe("creating a POC", () => {
  it("defaults the owner to the SE, then starts from the templates", async () => {
    const { browser, user } = await signedInBrowser("SE", { name: "Priya Patel" });
    const form = await browser.get("/staff/pocs/new");
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toMatch(new RegExp(`<option value="${user.id}" selected="">Priya Patel`));

    const pocId = await createPoc(browser, user.id, { customerName: "Acme Checkout", accountDomain: "https://www.Acme-Checkout.com/" });
    const poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
    expect(poc.accountDomain).toBe("www.acme-checkout.com");

    const overview = await browser.follow(await browser.get(`/staff/pocs/${pocId}`));
    const overviewText = await text(overview);
    expect(overviewText).toContain("Acme Checkout");
    expect(overviewText).toContain("created the POC from the templates");

    // The plan reads first: every title in full, in order (no input cutting it off).
    const plan = await (await browser.get(`/staff/pocs/${pocId}/plan`)).text();
    expect(shownTitles(plan)).toEqual(DEFAULT_POC_TEMPLATES.milestones.map((m) => m.title));
    const phases = await (await browser.get(`/staff/pocs/${pocId}/phases`)).text();
    for (const p of DEFAULT_POC_TEMPLATES.phases) expect(visibleText(phases)).toContain(p.name);
    expect(shownTitles(phases)).toEqual(DEFAULT_POC_TEMPLATES.phases.flatMap((p) => p.tasks.map((t) => t.title)));
    expect(phases).toContain('aria-label="Progress of phase Setup"');
    const criteria = await (await browser.get(`/staff/pocs/${pocId}/criteria`)).text();
    expect(shownTitles(criteria)).toEqual(DEFAULT_POC_TEMPLATES.criteria.map((c) => c.title));

    // The list finds it by name and by status, with its progress.
    const list = await browser.get("/staff?q=acme-check");
    const listHtml = await list.text();
    expect(visibleText(listHtml)).toContain("Acme Checkout");
    expect(listHtml).toContain('aria-label="Progress of the Acme Checkout POC"');
    expect(visibleText(await (await browser.get("/staff?q=acme-check&status=WON")).text())).not.toContain("Acme Checkout");
    expect(visibleText(await (await browser.get("/staff?q=acme-check&status=PLANNING")).text())).toContain("Acme Checkout");
  });

  it("refuses a bad form with the errors next to the fields and every value kept", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const before = await prisma.poc.count();
    const response = await browser.post("/staff/pocs/new", {
      customerName: "",
      accountDomain: "not a domain",
      ownerId: user.id,
      startDate: "2030-03-10",
      endDate: "2030-03-01",
      goals: "Keep this goal text",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    const page = visibleText(html);
    expect(page).toContain("Enter a customer name");
    expect(page).toContain("Enter a domain like acme.com");
    expect(page).toContain("The end date is before the start date");
    expect(html).toContain('value="not a domain"');
    expect(html).toContain('value="2030-03-10"');
    expect(html).toContain("Keep this goal text");
    // Each error is tied to its input.
    expect(html).toMatch(/id="new-poc-accountDomain" [^>]*aria-invalid="true" aria-describedby="new-poc-accountDomain-error/);
    expect(html).toContain('<ul id="new-poc-accountDomain-error"');
    expect(await prisma.poc.count()).toBe(before);
  });
});

describe("editing cells", () => {
  it("saves a cell without JavaScript and shows the new value, Saved, and an activity line", async () => {
    const { browser, user } = await signedInBrowser("SE", { name: "Sam Rivera" });
    const pocId = await createPoc(browser, user.id);
    const [first] = await milestones(pocId);
    const response = await browser.post(`/staff/pocs/${pocId}/plan`, edit(first, "milestone", "title", "Kick-off with the platform team", { original: first.title }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('value="Kick-off with the platform team"');
    expect(visibleText(html)).toContain("Saved");
    const row = await prisma.pocMilestone.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ title: "Kick-off with the platform team", version: 2, updatedBy: "Sam Rivera" });

    const overview = await text(await browser.get(`/staff/pocs/${pocId}`));
    expect(overview).toContain(`Sam Rivera set the title of milestone “${first.title}” to Kick-off with the platform team`);
  });

  it("never lets a second editor silently overwrite the first", async () => {
    const { browser: a, user: alice } = await signedInBrowser("SE", { name: "Alice Nguyen" });
    const { browser: b } = await signedInBrowser("SE", { name: "Bruno Costa" });
    const pocId = await createPoc(a, alice.id);
    const [first] = await milestones(pocId);
    expect(first.version).toBe(1);

    // Both opened the page at version 1.
    const saved = await a.post(`/staff/pocs/${pocId}/plan`, edit(first, "milestone", "owner", "Alice's team lead", { original: first.owner }));
    expect(saved.status).toBe(200);
    const conflict = await b.post(`/staff/pocs/${pocId}/plan`, edit(first, "milestone", "owner", "Bruno's architect", { original: first.owner }));
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    expect(visibleText(html)).toContain("Changed by Alice Nguyen meanwhile: Alice's team lead");
    // What Bruno typed is still in the input, now based on the newer version.
    const form = html.slice(html.indexOf(`data-cell="milestone:${first.id}:owner"`));
    expect(form.slice(0, 2000)).toContain('value="Bruno&#x27;s architect"');
    expect(form.slice(0, 2000)).toMatch(/name="version" value="2"/);
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: first.id } })).owner).toBe("Alice's team lead");

    // A second Save, at the version he has now seen, overwrites on purpose.
    const again = await b.post(`/staff/pocs/${pocId}/plan`, edit({ id: first.id, version: 2 }, "milestone", "owner", "Bruno's architect", { original: "Alice's team lead" }));
    expect(again.status).toBe(200);
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: first.id } })).owner).toBe("Bruno's architect");
  });

  it("shows a conflict on a status with its label, and merges edits of different fields of one row", async () => {
    const { browser: a, user } = await signedInBrowser("SE", { name: "Alice Nguyen" });
    const { browser: b } = await signedInBrowser("SE", { name: "Bruno Costa" });
    const pocId = await createPoc(a, user.id);
    const [, second] = await milestones(pocId);
    expect((await a.post(`/staff/pocs/${pocId}/plan`, edit(second, "milestone", "status", "IN_PROGRESS", { original: "NOT_STARTED" }))).status).toBe(200);
    const conflict = await b.post(`/staff/pocs/${pocId}/plan`, edit(second, "milestone", "status", "BLOCKED", { original: "NOT_STARTED" }));
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    expect(visibleText(html)).toContain("Changed by Alice Nguyen meanwhile: In progress");
    const form = html.slice(html.indexOf(`data-cell="milestone:${second.id}:status"`)).slice(0, 3000);
    expect(form).toMatch(/<option value="BLOCKED" selected="">/);
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("IN_PROGRESS");

    // Bruno's title edit at version 1 touches a field nobody changed: it is saved on top.
    const title = await b.post(`/staff/pocs/${pocId}/plan`, edit(second, "milestone", "title", "Test environment named", { original: second.title }));
    expect(title.status).toBe(200);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ title: "Test environment named", status: "IN_PROGRESS" });
  });

  it("refuses invalid values next to the cell, keeps what was typed, and never answers 500", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const [first] = await milestones(pocId);
    const cases: [string, string, string][] = [
      ["title", "   ", "Not saved: Enter a title"],
      ["title", "x".repeat(301), "Use at most 300 characters for the title"],
      ["dueDate", "2030-02-30", "Use a real date as YYYY-MM-DD, like 2026-03-31"],
      ["status", "DONE", "Choose Not started, In progress, Completed or Blocked"],
      ["side", "PARTNER", "Choose Sentry or Customer"],
    ];
    for (const [field, value, message] of cases) {
      const response = await browser.post(`/staff/pocs/${pocId}/plan`, edit(first, "milestone", field, value));
      expect(response.status, field).toBe(400);
      const html = await response.text();
      expect(visibleText(html)).toContain(message);
      if (field === "dueDate") expect(html).toContain('value="2030-02-30"');
    }
    const [member] = await Promise.all([prisma.pocTeamMember.create({ data: { pocId, position: 0, side: "CUSTOMER", name: "Dana" } })]);
    const bad = await browser.post(`/staff/pocs/${pocId}/team`, edit(member, "member", "email", "dana-at-example"));
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain("Enter an email address like name@example.com");
    expect((await browser.post(`/staff/pocs/${pocId}/plan`, edit(first, "milestone", "version", "9"))).status).toBe(400);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ title: first.title, version: 1 });
  });

  it("edits the POC's own fields on the overview, keeping internal notes to staff", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
    const response = await browser.post(`/staff/pocs/${pocId}`, edit(poc, "poc", "internalNotes", "Budget approved in Q3", { original: "" }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Budget approved in Q3");
    const status = await browser.post(`/staff/pocs/${pocId}`, edit({ id: pocId, version: 2 }, "poc", "status", "ACTIVE", { original: "PLANNING" }));
    expect(status.status).toBe(200);
    expect(await prisma.poc.findUniqueOrThrow({ where: { id: pocId } })).toMatchObject({ internalNotes: "Budget approved in Q3", status: "ACTIVE" });
    const early = await browser.post(`/staff/pocs/${pocId}`, edit({ id: pocId, version: 3 }, "poc", "endDate", "2029-01-01"));
    expect(early.status).toBe(400);
    expect(await text(early)).toContain("The end date is before the start date");
  });
});

describe("editing a whole row (one form, one Save)", () => {
  /** The row editor's form as the page draws it (`?edit=<id>`), with the person's changes on top. */
  function rowForm(kind: string, row: { id: string; version: number }, shown: Record<string, string>, typed: Record<string, string>) {
    const fields: Record<string, string> = { intent: "edit-row", kind, id: row.id, version: String(row.version) };
    for (const [name, value] of Object.entries(shown)) {
      fields[name] = typed[name] ?? value;
      fields[`was:${name}`] = value;
    }
    return fields;
  }
  const shownMilestone = (m: { title: string; owner: string; side: string; dueDate: Date | null; status: string }) => ({
    title: m.title,
    owner: m.owner,
    side: m.side,
    dueDate: m.dueDate ? m.dueDate.toISOString().slice(0, 10) : "",
    status: m.status,
  });

  it("opens one form for the row with ONE Save, saves two fields in one write, and redirects back to the row", async () => {
    const { browser, user } = await signedInBrowser("SE", { name: "Sam Rivera" });
    const pocId = await createPoc(browser, user.id);
    const [first] = await milestones(pocId);
    const page = await browser.get(`/staff/pocs/${pocId}/plan?edit=${first.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const form = html.slice(html.indexOf('value="edit-row"') - 600, html.indexOf("</form>", html.indexOf('value="edit-row"')));
    expect(form).toContain(`value="${first.id}"`);
    for (const name of ["title", "owner", "side", "dueDate", "status"]) expect(form).toContain(`name="${name}"`);
    expect(form.match(/type="submit"/g)).toHaveLength(1);
    // The other rows stay in the read view: one Edit link each.
    expect(html).toContain(`href="/staff/pocs/${pocId}/plan?edit=`);

    const activityBefore = await prisma.pocActivity.count({ where: { pocId } });
    const saved = await browser.post(`/staff/pocs/${pocId}/plan`, rowForm("milestone", first, shownMilestone(first), { title: "Kick-off with the platform team", owner: "Dana Lead" }));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/staff/pocs/${pocId}/plan#milestone-${first.id}`);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ title: "Kick-off with the platform team", owner: "Dana Lead", version: 2, updatedBy: "Sam Rivera" });
    expect(await prisma.pocActivity.count({ where: { pocId } })).toBe(activityBefore + 1);
    const after = await text(await browser.follow(saved));
    expect(after).toContain("Milestone saved.");
    expect(after).toContain("Kick-off with the platform team");
    expect(after).toContain("Owner: Dana Lead");
  });

  it("shows a stale save as a conflict with both values, keeps what was typed, and saves it on purpose next time", async () => {
    const { browser: a, user: alice } = await signedInBrowser("SE", { name: "Alice Nguyen" });
    const { browser: b } = await signedInBrowser("SE", { name: "Bruno Costa" });
    const pocId = await createPoc(a, alice.id);
    const [, second] = await milestones(pocId);
    const shown = shownMilestone(second);
    // Both opened the editor at version 1; Alice saves first.
    expect((await a.post(`/staff/pocs/${pocId}/plan`, rowForm("milestone", second, shown, { title: "Alice's title" }))).status).toBe(302);

    const stale = await b.post(`/staff/pocs/${pocId}/plan`, rowForm("milestone", second, shown, { title: "Bruno's title", owner: "Bruno's owner" }));
    expect(stale.status).toBe(409);
    const html = await stale.text();
    const shownText = visibleText(html);
    expect(shownText).toContain("Not saved: Alice Nguyen changed this field meanwhile.");
    expect(shownText).toContain("Changed by Alice Nguyen meanwhile: Alice's title");
    expect(html).toContain('value="Bruno&#x27;s title"');
    expect(html).toContain('value="Bruno&#x27;s owner"');
    expect(html).toMatch(/name="version" value="2"/);
    expect(html).toContain('name="was:title" value="Alice&#x27;s title"');
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ title: "Alice's title", owner: second.owner, version: 2 });

    // Save again from that form (version 2, Alice's values as seen): Bruno's values win, on purpose.
    const again = await b.post(`/staff/pocs/${pocId}/plan`, rowForm("milestone", { id: second.id, version: 2 }, { ...shown, title: "Alice's title" }, { title: "Bruno's title", owner: "Bruno's owner" }));
    expect(again.status).toBe(302);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ title: "Bruno's title", owner: "Bruno's owner", version: 3 });

    // A stale form that changes other fields than the newer save is merged, not refused.
    const merged = await a.post(`/staff/pocs/${pocId}/plan`, rowForm("milestone", { id: second.id, version: 2 }, { ...shown, title: "Alice's title" }, { status: "IN_PROGRESS" }));
    expect(merged.status).toBe(302);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ title: "Bruno's title", owner: "Bruno's owner", status: "IN_PROGRESS", version: 4 });
  });

  it("refuses bad values next to their fields (400), keeps every typed value, writes nothing", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const [first] = await milestones(pocId);
    const response = await browser.post(`/staff/pocs/${pocId}/plan`, rowForm("milestone", first, shownMilestone(first), { title: "  ", owner: "Kept owner", dueDate: "2030-02-30", side: "PARTNER" }));
    expect(response.status).toBe(400);
    const html = await response.text();
    const shown = visibleText(html);
    expect(shown).toContain("Enter a title");
    expect(shown).toContain("Use a real date as YYYY-MM-DD, like 2026-03-31");
    expect(shown).toContain("Choose Sentry or Customer");
    expect(html).toContain('value="Kept owner"');
    expect(html).toContain('value="2030-02-30"');
    expect(html).toMatch(/name="dueDate" [^>]*aria-invalid="true" aria-describedby="[^"]*-dueDate-error"/);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ title: first.title, version: 1 });
    // A form without its row or version, or with no field of the row: 400, never 500.
    expect((await browser.post(`/staff/pocs/${pocId}/plan`, { intent: "edit-row", kind: "milestone", id: first.id })).status).toBe(400);
    expect((await browser.post(`/staff/pocs/${pocId}/plan`, { intent: "edit-row", kind: "milestone", id: first.id, version: "1", constructor: "x" })).status).toBe(400);
    expect((await browser.post(`/staff/pocs/${pocId}/plan`, { intent: "edit-row", kind: "nope", id: first.id, version: "1", title: "x" })).status).toBe(400);
  });

  it("saves the POC's details as one form, checks the dates, and edits phases, criteria and members the same way", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
    const details = { customerName: poc.customerName, accountDomain: poc.accountDomain, status: poc.status, ownerId: poc.ownerId, startDate: "2030-01-06", endDate: "2030-02-06", goals: poc.goals, internalNotes: "" };
    const overview = await (await browser.get(`/staff/pocs/${pocId}`)).text();
    const form = overview.slice(overview.indexOf('value="edit-row"'), overview.indexOf("</form>", overview.indexOf('value="edit-row"')));
    expect(form.match(/type="submit"/g)).toHaveLength(1);
    expect(visibleText(form)).toContain("Save details");

    const early = await browser.post(`/staff/pocs/${pocId}`, rowForm("poc", poc, details, { endDate: "2029-01-01", internalNotes: "Kept" }));
    expect(early.status).toBe(400);
    expect(await text(early)).toContain("The end date is before the start date");
    const saved = await browser.post(`/staff/pocs/${pocId}`, rowForm("poc", poc, details, { customerName: "Renamed Corp", internalNotes: "Budget approved in Q3", status: "ACTIVE" }));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/staff/pocs/${pocId}#poc-${pocId}`);
    expect(await prisma.poc.findUniqueOrThrow({ where: { id: pocId } })).toMatchObject({ customerName: "Renamed Corp", internalNotes: "Budget approved in Q3", status: "ACTIVE", version: poc.version + 1 });

    const phase = await prisma.pocPhase.findFirstOrThrow({ where: { pocId }, orderBy: { position: "asc" } });
    const renamed = await browser.post(`/staff/pocs/${pocId}/phases`, rowForm("phase", phase, { name: phase.name, description: phase.description }, { name: "Set-up", description: "Wire it all" }));
    expect(renamed.status).toBe(302);
    expect(await prisma.pocPhase.findUniqueOrThrow({ where: { id: phase.id } })).toMatchObject({ name: "Set-up", description: "Wire it all" });
    const criterion = await prisma.pocCriterion.findFirstOrThrow({ where: { pocId }, orderBy: { position: "asc" } });
    const crit = await browser.post(`/staff/pocs/${pocId}/criteria`, rowForm("criterion", criterion, { title: criterion.title, description: criterion.description, feature: criterion.feature ?? "", status: criterion.status }, { feature: "crons", status: "COMPLETED" }));
    expect(crit.status).toBe(302);
    expect(await prisma.pocCriterion.findUniqueOrThrow({ where: { id: criterion.id } })).toMatchObject({ feature: "crons", status: "COMPLETED" });
    const member = await prisma.pocTeamMember.create({ data: { pocId, position: 0, side: "CUSTOMER", name: "Dana" } });
    const bad = await browser.post(`/staff/pocs/${pocId}/team`, rowForm("member", member, { name: "Dana", email: "", role: "", side: "CUSTOMER" }, { email: "dana-at-example", role: "Lead" }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('value="Lead"');
  });

  it("is for staff only, and only for the rows of the POC in the address; any SE may edit any POC (finding 20)", async () => {
    const { browser: owner, user } = await signedInBrowser("SE");
    const a = await createPoc(owner, user.id);
    const b = await createPoc(owner, user.id);
    const [ofA] = await milestones(a);
    const [ofB] = await milestones(b);
    const form = rowForm("milestone", ofA, shownMilestone(ofA), { title: "Taken over" });
    for (const role of ["STUDENT", "INSTRUCTOR"] as const) {
      const { browser } = await signedInBrowser(role);
      expect((await browser.post(`/staff/pocs/${a}/plan`, form)).status, role).toBe(403);
    }
    const guest = await new Browser().post(`/staff/pocs/${a}/plan`, form);
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    // A row of POC B through POC A's address, or POC B's details through A's: not found, nothing written.
    expect((await owner.post(`/staff/pocs/${a}/plan`, rowForm("milestone", ofB, shownMilestone(ofB), { title: "Crossed" }))).status).toBe(404);
    const pocB = await prisma.poc.findUniqueOrThrow({ where: { id: b } });
    expect((await owner.post(`/staff/pocs/${a}`, rowForm("poc", pocB, { customerName: pocB.customerName }, { customerName: "Crossed" }))).status).toBe(404);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: ofA.id } })).toMatchObject({ title: ofA.title, version: 1 });
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: ofB.id } })).toMatchObject({ title: ofB.title, version: 1 });
    expect((await prisma.poc.findUniqueOrThrow({ where: { id: b } })).customerName).toBe(pocB.customerName);
    // Another SE, and an admin, may edit this SE's POC (by design).
    const { browser: other } = await signedInBrowser("SE");
    expect((await other.post(`/staff/pocs/${a}/plan`, form)).status).toBe(302);
    const { browser: admin } = await signedInBrowser("ADMIN");
    expect((await admin.post(`/staff/pocs/${a}/plan`, rowForm("milestone", { id: ofA.id, version: 2 }, { ...shownMilestone(ofA), title: "Taken over" }, { owner: "Admin set" }))).status).toBe(302);
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: ofA.id } })).toMatchObject({ title: "Taken over", owner: "Admin set", version: 3 });
  });
});

describe("rows", () => {
  it("adds, moves up and removes a milestone without JavaScript", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const count = (await milestones(pocId)).length;

    const refused = await browser.post(`/staff/pocs/${pocId}/plan`, { intent: "add", kind: "milestone", title: "", owner: "CISO", side: "CUSTOMER", dueDate: "" });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(visibleText(refusedHtml)).toContain("Enter a title");
    expect(refusedHtml).toContain('value="CISO"');

    const added = await browser.post(`/staff/pocs/${pocId}/plan`, { intent: "add", kind: "milestone", title: "Security review passed", owner: "CISO", side: "CUSTOMER", dueDate: "2030-01-20" });
    expect(added.status).toBe(302);
    const pageHtml = await (await browser.follow(added)).text();
    expect(visibleText(pageHtml)).toContain("Milestone “Security review passed” added.");
    let rows = await milestones(pocId);
    expect(rows).toHaveLength(count + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ title: "Security review passed", owner: "CISO", side: "CUSTOMER" });
    expect(pageHtml).toContain('aria-label="Move “Security review passed” up"');

    const moved = await browser.post(`/staff/pocs/${pocId}/plan`, { intent: "move", kind: "milestone", id: row.id, direction: "up" });
    expect(moved.status).toBe(302);
    expect(moved.headers.get("Location")).toBe(`/staff/pocs/${pocId}/plan#milestone-${row.id}`);
    rows = await milestones(pocId);
    expect(rows.at(-2)!.id).toBe(row.id);
    const html = await (await browser.follow(moved)).text();
    expect(html.indexOf("Security review passed")).toBeLessThan(html.indexOf(DEFAULT_POC_TEMPLATES.milestones.at(-1)!.title));

    const removed = await browser.post(`/staff/pocs/${pocId}/plan`, { intent: "remove", kind: "milestone", id: row.id });
    expect(removed.status).toBe(302);
    expect(shownTitles(await (await browser.follow(removed)).text())).not.toContain("Security review passed");
    expect(await milestones(pocId)).toHaveLength(count);
    expect(await text(await browser.get(`/staff/pocs/${pocId}`))).toContain("removed milestone “Security review passed”");
  });

  it("adds a task to a phase, a criterion and team members", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const phase = await prisma.pocPhase.findFirstOrThrow({ where: { pocId }, orderBy: { position: "asc" } });
    const task = await browser.post(`/staff/pocs/${pocId}/phases`, { intent: "add", kind: "task", phaseId: phase.id, title: "Enable profiling", side: "CUSTOMER" });
    expect(task.status).toBe(302);
    expect(shownTitles(await (await browser.follow(task)).text())).toContain("Enable profiling");
    const criterion = await browser.post(`/staff/pocs/${pocId}/criteria`, { intent: "add", kind: "criterion", title: "Cron jobs are watched", feature: "crons" });
    expect(criterion.status).toBe(302);
    const badMember = await browser.post(`/staff/pocs/${pocId}/team`, { intent: "add", kind: "member", name: "Lee", email: "nope", role: "Developer", side: "CUSTOMER" });
    expect(badMember.status).toBe(400);
    expect(await text(badMember)).toContain("Enter an email address like name@example.com");
    const member = await browser.post(`/staff/pocs/${pocId}/team`, { intent: "add", kind: "member", name: "Lee", email: "lee@example.com", role: "Developer", side: "CUSTOMER" });
    expect(member.status).toBe(302);
    const team = await text(await browser.follow(member));
    expect(team).toContain("Customer team");
    expect(await prisma.pocTeamMember.findFirst({ where: { pocId, name: "Lee" } })).toMatchObject({ email: "lee@example.com", side: "CUSTOMER" });
  });

  it("shows the same progress in the header of every tab, and each tab loads only its own rows", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const phase = await prisma.pocPhase.findFirstOrThrow({ where: { pocId }, orderBy: { position: "asc" } });
    const [task, other] = await prisma.pocTask.findMany({ where: { phaseId: phase.id }, orderBy: { position: "asc" } });
    expect((await browser.post(`/staff/pocs/${pocId}/phases`, edit(task, "task", "status", "COMPLETED"))).status).toBe(200);

    const t = DEFAULT_POC_TEMPLATES;
    const total = t.milestones.length + t.phases.reduce((n, p) => n + p.tasks.length, 0) + t.criteria.length;
    const tasksOfPhase = t.phases[0].tasks.length;
    const pages: Record<string, string> = {};
    for (const tab of ["", "/plan", "/phases", "/criteria", "/team", "/tech"]) {
      const response = await browser.get(`/staff/pocs/${pocId}${tab}`);
      expect(response.status, tab).toBe(200);
      pages[tab] = await response.text();
      expect(visibleText(pages[tab]), tab).toContain(`Overall progress: 1 of ${total} done`);
    }
    expect(visibleText(pages[""])).toContain(`Phase ${phase.name}: 1 of ${tasksOfPhase} tasks`);
    expect(visibleText(pages[""])).toContain(`Mutual Action Plan: 0 of ${t.milestones.length} milestones`);
    expect(visibleText(pages["/phases"])).toContain(`1 of ${tasksOfPhase} tasks completed`);
    expect(visibleText(pages["/plan"])).toContain(`0 of ${t.milestones.length} milestones completed`);
    expect(visibleText(pages["/criteria"])).toContain(`0 of ${t.criteria.length} criteria met`);
    // An untouched task's title is on the phases tab, and nowhere in the overview or the plan (not even in their loader data).
    expect(pages["/phases"]).toContain(other.title);
    expect(pages[""]).not.toContain(other.title);
    expect(pages["/plan"]).not.toContain(other.title);
    expect(pages[""]).not.toContain(t.milestones[0].title);

    for (const tab of ["", "/plan", "/phases", "/criteria", "/team", "/tech"]) expect((await browser.get(`/staff/pocs/no-such-poc${tab}`)).status, tab).toBe(404);
  });

  it("flags overdue items with a visible word", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    expect(await text(await browser.get(`/staff/pocs/${pocId}/plan`))).not.toContain("Overdue");
    const [first] = await milestones(pocId);
    const response = await browser.post(`/staff/pocs/${pocId}/plan`, edit(first, "milestone", "dueDate", "2020-01-15"));
    expect(response.status).toBe(200);
    const page = await text(await browser.get(`/staff/pocs/${pocId}/plan`));
    expect(page).toContain("Overdue");
    expect(page).toContain("1 overdue");
    await browser.post(`/staff/pocs/${pocId}/plan`, edit({ id: first.id, version: 2 }, "milestone", "status", "COMPLETED"));
    expect(await text(await browser.get(`/staff/pocs/${pocId}/plan`))).not.toContain("Overdue");
  });
});

describe("the customer link", () => {
  it("creates, regenerates (the old token stops appearing) and revokes it", async () => {
    const { browser, user } = await signedInBrowser("SE");
    const pocId = await createPoc(browser, user.id);
    const token = async () => (await prisma.poc.findUniqueOrThrow({ where: { id: pocId } })).shareToken;

    expect(await text(await browser.get(`/staff/pocs/${pocId}`))).toContain("No customer link yet");
    const past = await browser.post(`/staff/pocs/${pocId}`, { intent: "share-link", expiresOn: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(await text(past)).toContain("Choose today or a later day");
    expect(await token()).toBeNull();

    const created = await browser.post(`/staff/pocs/${pocId}`, { intent: "share-link", expiresOn: "" });
    expect(created.status).toBe(302);
    const first = await token();
    expect(first).toBeTruthy();
    let html = await (await browser.follow(created)).text();
    expect(html).toContain(`/customer/${first}`);
    expect(visibleText(html)).toContain("Regenerate link");

    const regenerated = await browser.post(`/staff/pocs/${pocId}`, { intent: "share-link", expiresOn: "2099-12-31" });
    expect(regenerated.status).toBe(302);
    const second = await token();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    html = await (await browser.follow(regenerated)).text();
    expect(html).toContain(`/customer/${second}`);
    expect(html).not.toContain(first!);
    expect(visibleText(html)).toContain("The previous link no longer works");
    expect(visibleText(html)).toContain("Works until the end of 31 Dec 2099");

    const revoked = await browser.post(`/staff/pocs/${pocId}`, { intent: "revoke-link" });
    expect(revoked.status).toBe(302);
    html = await (await browser.follow(revoked)).text();
    expect(await token()).toBeNull();
    expect(html).not.toContain(second!);
    expect(visibleText(html)).toContain("No customer link yet");
  });
});

describe("the tech stack", () => {
  it("confirms the stack and lists the setup guides and the feature pages of the success criteria", async () => {
    const { browser, user } = await signedInBrowser("SE", { name: "Sam Rivera" });
    const pocId = await createPoc(browser, user.id);
    const before = await text(await browser.get(`/staff/pocs/${pocId}/tech`));
    expect(before).toContain("Not confirmed yet");
    expect(before).toContain("Confirm tech stack");

    const post = (platforms: string[]) =>
      browser.request(`/staff/pocs/${pocId}/tech`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([["intent", "tech-stack"], ...platforms.map((p) => ["platforms", p]), ["notes", "React 18 on Vite"]]),
      });
    const unknown = await post(["javascript-react", "cobol-mainframe"]);
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain("Unknown platform: cobol-mainframe");

    const confirmed = await post(["javascript-react", "python-django"]);
    expect(confirmed.status).toBe(302);
    const html = await (await browser.follow(confirmed)).text();
    expect(html).toContain('href="https://docs.sentry.io/platforms/javascript/guides/react/"');
    expect(html).toContain('href="https://docs.sentry.io/platforms/javascript/guides/react/tracing/"');
    expect(html).toContain('href="https://docs.sentry.io/platforms/python/guides/django/"');
    const page = visibleText(html);
    expect(page).toMatch(/Confirmed by Sam Rivera on/);
    expect(page).toContain("Tracing & performance");
    expect(await prisma.poc.findUniqueOrThrow({ where: { id: pocId } })).toMatchObject({ techStack: ["javascript-react", "python-django"], techStackNotes: "React 18 on Vite", techConfirmedBy: "Sam Rivera" });
  });
});

describe("the admin's templates", () => {
  it("is for admins only, explains a bad JSON edit next to the field, and new POCs use a saved one", async () => {
    const { browser: se } = await signedInBrowser("SE");
    expect((await se.get("/admin/poc-templates")).status).toBe(403);
    const { browser: admin, user } = await signedInBrowser("ADMIN", { name: "Ada Admin" });
    expect(await text(await admin.get("/admin"))).toContain("POC templates");
    const page = await admin.get("/admin/poc-templates");
    expect(page.status).toBe(200);
    expect(await text(page)).toContain(DEFAULT_POC_TEMPLATES.milestones[0].title);

    const broken = await admin.post("/admin/poc-templates", { kind: "milestones", intent: "save", items: '[{"title": "Kick-off", "side": "SENTRY",' });
    expect(broken.status).toBe(400);
    const brokenHtml = await broken.text();
    expect(visibleText(brokenHtml)).toContain("That isn't valid JSON");
    expect(visibleText(brokenHtml)).toContain('[{"title": "Kick-off", "side": "SENTRY",');

    const wrong = await admin.post("/admin/poc-templates", {
      kind: "milestones",
      intent: "save",
      items: JSON.stringify([{ title: "Kick-off", side: "SENTRY", owner: "", dueInDays: 0 }, { title: "Pilot", side: "PARTNER", owner: "", dueInDays: -2 }]),
    });
    expect(wrong.status).toBe(400);
    const wrongText = await text(wrong);
    expect(wrongText).toContain('Item 2, side: Use "SENTRY" or "CUSTOMER"');
    expect(wrongText).toContain("Item 2, dueInDays: Use 0 or more days");

    const items = [
      { title: "Kick-off with the buyer", side: "SENTRY", owner: "SE", dueInDays: 0 },
      { title: "Pilot signed off", side: "CUSTOMER", owner: "Sponsor", dueInDays: 21 },
    ];
    const saved = await admin.post("/admin/poc-templates", { kind: "milestones", intent: "save", items: JSON.stringify(items) });
    expect(saved.status).toBe(302);
    expect(await text(await admin.follow(saved))).toContain("Last saved by Ada Admin");
    const pocId = await createPoc(admin, user.id);
    expect((await milestones(pocId)).map((m) => m.title)).toEqual(items.map((i) => i.title));

    const reset = await admin.post("/admin/poc-templates", { kind: "milestones", intent: "reset", items: "" });
    expect(reset.status).toBe(302);
    const again = await createPoc(admin, user.id);
    expect((await milestones(again)).map((m) => m.title)).toEqual(DEFAULT_POC_TEMPLATES.milestones.map((m) => m.title));
  });
});
