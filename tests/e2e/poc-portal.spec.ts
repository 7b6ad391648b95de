/**
 * The POC Portal end to end: the SE builds a POC in the staff workspace, the
 * customer works in it through the share link (no login), access rules of both
 * sides, and no lost update when two people edit the same cell.
 *
 * Both projects (JS on / JS off) run every test at the same time against the same
 * database, so each test creates its own users and its own POC (customer names
 * carry the run and a random suffix). Setup that isn't under test goes through
 * the app's own poc.server.ts (createPoc, regenerateShareLink).
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { shortTitle } from "~/utils/text.ts";
import { DEFAULT_POC_TEMPLATES } from "~/data/poc-templates.ts";
import { expect, runId, test, toast } from "./support/fixtures.ts";
import {
  customerSetStatus,
  customerTab,
  entry,
  openRowEditor,
  saveRowFields,
  shownTitles,
  expectCustomerPostAccepted,
  expectNotFoundPage,
  milestoneTitles,
  readShareLink,
  saveCell,
  seedPoc,
  workspaceReady,
  workspaceTab,
} from "./support/poc.ts";

const TEMPLATE_MILESTONES = DEFAULT_POC_TEMPLATES.milestones.map((m) => m.title);
const [KICK_OFF, TECH_CONTACTS, , MID_POINT, CRITERIA_REVIEWED, DECISION] = TEMPLATE_MILESTONES;
const SETUP_TASKS = DEFAULT_POC_TEMPLATES.phases[0].tasks.map((t) => t.title);
/** A customer-owned task of the Setup phase. */
const INSTALL_SDK = "Install the SDK and send a test error";
const TOTAL_ITEMS =
  DEFAULT_POC_TEMPLATES.milestones.length + DEFAULT_POC_TEMPLATES.phases.reduce((n, p) => n + p.tasks.length, 0) + DEFAULT_POC_TEMPLATES.criteria.length;

const REACT_DOCS = "https://docs.sentry.io/platforms/javascript/guides/react/";
const DJANGO_DOCS = "https://docs.sentry.io/platforms/python/guides/django/";

// ----- tests ------------------------------------------------------------------------------

test("an SE creates a POC from the templates, edits it inline, reorders the plan and shares a link", async ({ page, loginAs, jsEnabled, db, baseURL, request }) => {
  test.setTimeout(60_000);
  const run = runId(jsEnabled);
  const se = await loginAs("SE", { name: `Sam Engineer ${run}` });
  const customerName = `Acme ${run}`;

  await page.goto("/staff");
  await expect(page.getByRole("heading", { level: 1, name: "POC Portal" })).toBeVisible();
  await page.getByRole("link", { name: "New POC", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New POC" })).toBeVisible();
  await page.getByLabel("Customer name").fill(customerName);
  await page.getByLabel("Account domain").fill(`https://ACME-${run}.com/pricing`);
  await expect(page.getByLabel("SE owner")).toHaveValue(se.id);
  await page.getByLabel("Start date (optional)").fill("2030-01-06");
  await page.getByLabel("End date (optional)").fill("2030-02-06");
  await page.getByLabel("Goals (optional)").fill("Prove that errors reach the right team within minutes.");
  await page.getByRole("button", { name: "Create POC" }).click();

  await expect(page).toHaveURL(/\/staff\/pocs\/[^/]+$/);
  await expect(toast(page)).toContainText(`POC for ${customerName} created`);
  await expect(page.getByRole("heading", { level: 1, name: customerName })).toBeVisible();
  // The domain is read as a bare host; the dates as calendar days.
  await expect(page.getByText(`acme-${run}.com · Planning · owned by ${se.name} · 6 Jan 2030 to 6 Feb 2030`)).toBeVisible();
  const pocId = page.url().split("/").pop()!;
  const stored = await db.prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
  expect(stored).toMatchObject({ customerName, accountDomain: `acme-${run}.com`, ownerId: se.id, goals: "Prove that errors reach the right team within minutes." });

  // The template: milestones on the plan, phases with their tasks, success criteria.
  await workspaceTab(page, "Mutual Action Plan");
  await expect(page).toHaveURL(new RegExp(`/staff/pocs/${pocId}/plan$`));
  await expect(page.getByRole("heading", { level: 2, name: "Mutual Action Plan" })).toBeVisible();
  // The plan reads first: every title in full, in order.
  await expect.poll(() => milestoneTitles(page)).toEqual(TEMPLATE_MILESTONES);
  // Due dates are counted from the start date.
  await expect(entry(page, TECH_CONTACTS)).toContainText("Due 9 Jan 2030");

  await workspaceTab(page, "Phases and tasks");
  for (const [index, phase] of DEFAULT_POC_TEMPLATES.phases.entries()) {
    await expect(page.getByRole("heading", { level: 3, name: `Phase ${index + 1}: ${phase.name}` })).toBeVisible();
  }
  await expect.poll(() => shownTitles(page, "Tasks of phase Setup")).toEqual(SETUP_TASKS);

  await workspaceTab(page, "Success criteria");
  await expect.poll(() => shownTitles(page, "Success criteria")).toEqual(DEFAULT_POC_TEMPLATES.criteria.map((c) => c.title));

  // Edits on the plan: an owner through the row's editor, a status with the row's one status control.
  await workspaceTab(page, "Mutual Action Plan");
  await workspaceReady(page, jsEnabled);
  const ownerLabel = `Owner of “${shortTitle(KICK_OFF)}”`;
  const newOwner = `Dana Lead ${run}`;
  await openRowEditor(page, KICK_OFF, jsEnabled);
  await saveRowFields(page, jsEnabled, [[ownerLabel, newOwner]]);

  const statusLabel = `Status of “${shortTitle(KICK_OFF)}”`;
  await page.getByLabel(statusLabel, { exact: true }).selectOption({ label: "Completed" });
  await saveCell(page, page.getByLabel(statusLabel, { exact: true }), jsEnabled, statusLabel);

  // Saved for real: a fresh load of the tab shows both.
  await page.goto(`/staff/pocs/${pocId}/plan`);
  await expect(entry(page, KICK_OFF)).toContainText(`Owner: ${newOwner}`);
  await expect(page.getByLabel(statusLabel, { exact: true })).toHaveValue("COMPLETED");
  await expect(page.getByText(`1 of ${TEMPLATE_MILESTONES.length} milestones completed`)).toBeVisible();
  const kickOff = await db.prisma.pocMilestone.findFirstOrThrow({ where: { pocId, title: KICK_OFF } });
  expect(kickOff).toMatchObject({ owner: newOwner, status: "COMPLETED", updatedBy: se.name, version: 3 });

  // Add a milestone (it lands last), move it up one place, remove another one.
  await workspaceReady(page, jsEnabled);
  const added = `Security review ${run}`;
  const addForm = page.getByRole("group", { name: "Add a milestone" });
  await addForm.getByLabel("Title", { exact: true }).fill(added);
  await addForm.getByLabel("Owner (optional)").fill("Security team");
  await addForm.getByLabel("Side").selectOption({ label: "Customer" });
  await addForm.getByRole("button", { name: "Add milestone" }).click();
  await expect(toast(page)).toContainText(`Milestone “${added}” added.`);
  await expect.poll(() => milestoneTitles(page)).toEqual([...TEMPLATE_MILESTONES, added]);
  await expect(entry(page, added)).toContainText("Owner: Security team");
  await expect(entry(page, added).getByText("Customer", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Move “${added}” up` }).click();
  await expect.poll(() => milestoneTitles(page)).toEqual([...TEMPLATE_MILESTONES.slice(0, -1), added, DECISION]);

  if (jsEnabled) {
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toBe(`Remove “${MID_POINT}”? This can't be undone.`);
      void dialog.accept();
    });
  }
  await page.getByRole("button", { name: `Remove “${MID_POINT}”` }).click();
  await expect(toast(page)).toContainText("Milestone removed.");
  const expectedOrder = [KICK_OFF, TECH_CONTACTS, TEMPLATE_MILESTONES[2], CRITERIA_REVIEWED, added, DECISION];
  await expect.poll(() => milestoneTitles(page)).toEqual(expectedOrder);
  await page.goto(`/staff/pocs/${pocId}/plan`);
  expect(await milestoneTitles(page)).toEqual(expectedOrder);
  const rows = await db.prisma.pocMilestone.findMany({ where: { pocId }, orderBy: { position: "asc" }, select: { title: true } });
  expect(rows.map((r) => r.title)).toEqual(expectedOrder);

  // The customer link, created on the Overview and read from its read-only field.
  await workspaceTab(page, "Overview");
  await expect(page.getByText("No customer link yet.")).toBeVisible();
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(toast(page)).toContainText("Customer link created.");
  const link = await readShareLink(page, baseURL!);
  await expect(page.getByRole("button", { name: "Regenerate link" })).toBeVisible();
  const { shareToken } = await db.prisma.poc.findUniqueOrThrow({ where: { id: pocId }, select: { shareToken: true } });
  expect(link).toBe(`${baseURL}/customer/${shareToken}`);
  // It opens the portal without any login (a request with no cookies).
  const portal = await request.get(link);
  expect(portal.status()).toBe(200);
  expect(await portal.text()).toContain(customerName);
});

test("the customer works in the POC through the link, and the SE sees it attributed to the customer", async ({ page, contextAs, loginAs, jsEnabled, db, baseURL }) => {
  test.setTimeout(60_000);
  const run = runId(jsEnabled);
  const se = await loginAs("SE", { name: `Sasha Engineer ${run}` });
  const customerName = `Globex ${run}`;
  const { poc } = await seedPoc(db, se, customerName);
  const marker = `INTERNAL-ONLY-${run}-discount-approved`;
  const member = { name: `Chris Customer ${run}`, email: `chris-${run}@globex.example`, role: "Platform engineer" };

  // As the SE: an internal note, then the customer link.
  await page.goto(`/staff/pocs/${poc.id}`);
  await workspaceReady(page, jsEnabled);
  // The Details card: one form with one Save (JS off); each field saves on blur (JS on).
  await saveRowFields(page, jsEnabled, [["Internal notes (staff only)", marker]], "Save details");
  expect((await db.prisma.poc.findUniqueOrThrow({ where: { id: poc.id } })).internalNotes).toBe(marker);
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(toast(page)).toContainText("Customer link created.");
  const link = await readShareLink(page, baseURL!);

  // As the customer: a fresh browser, no cookies.
  const customerContext = await contextAs(null);
  try {
    expect(await customerContext.cookies()).toEqual([]);
    const customer = await customerContext.newPage();
    // Everything the portal sends this browser (documents, and with JS the .data requests).
    const bodies: Promise<{ url: string; text: string }>[] = [];
    customer.on("response", (response) => {
      bodies.push(
        response
          .text()
          .then((text) => ({ url: response.url(), text }))
          .catch(() => ({ url: response.url(), text: "" })),
      );
    });
    const response = await customer.goto(link);
    expect(response?.status()).toBe(200);
    await expect(customer.getByRole("heading", { level: 1, name: customerName })).toBeVisible();
    await expect(customer.getByText(`0 of ${TOTAL_ITEMS} items completed`)).toBeVisible();
    await expect(customer.getByRole("progressbar", { name: "Overall progress of the proof of concept" })).toBeVisible();
    await expect(customer.getByText(`Goals of ${customerName}`)).toBeVisible();
    await expect(customer.getByText(se.name).first()).toBeVisible();

    /** Nothing of the staff side on any customer page. */
    const expectNoStaffTraces = async () => {
      await expect(customer.locator('a[href^="/staff"]')).toHaveCount(0);
      await expect(customer.getByRole("navigation", { name: "Main" })).toHaveCount(0);
      await expect(customer.getByRole("navigation", { name: "POC sections" })).toHaveCount(0);
      expect(await customer.content()).not.toContain(marker);
    };
    await expectNoStaffTraces();

    // Tech stack: React and Django, confirmed → the setup guides.
    await customerTab(customer, "Tech stack and docs");
    await expect(customer.getByRole("heading", { level: 2, name: "Your tech stack" })).toBeVisible();
    await expect(customer.getByText("Not confirmed yet.")).toBeVisible();
    await customer.locator("summary").filter({ hasText: /^JavaScript \(browser\)/ }).click();
    await customer.getByRole("checkbox", { name: "React", exact: true }).check();
    await customer.locator("summary").filter({ hasText: /^Python/ }).click();
    await customer.getByRole("checkbox", { name: "Django", exact: true }).check();
    await expectCustomerPostAccepted(customer, () => customer.getByRole("button", { name: "Confirm tech stack" }).click());
    await expect(toast(customer)).toContainText("Thanks, your tech stack is confirmed.");
    await expect(customer.getByText(/Confirmed by you on/)).toBeVisible();
    await expect(customer.getByRole("link", { name: /^Set up Sentry for React/ })).toHaveAttribute("href", REACT_DOCS);
    await expect(customer.getByRole("link", { name: /^Set up Sentry for Django/ })).toHaveAttribute("href", DJANGO_DOCS);
    await expect(customer.getByRole("checkbox", { name: "React", exact: true })).toBeChecked();
    await expect(customer.getByRole("checkbox", { name: "Django", exact: true })).toBeChecked();
    await expectNoStaffTraces();

    // Team: a person on the customer's side.
    await customerTab(customer, "Team");
    await expect(customer.getByText("Nobody yet: add the first person below.")).toBeVisible();
    const addMember = customer.locator("form").filter({ has: customer.getByRole("heading", { name: "Add someone to your team" }) });
    await addMember.getByLabel("Name", { exact: true }).fill(member.name);
    await addMember.getByLabel("Email (optional)").fill(member.email);
    await addMember.getByLabel("Role (optional)").fill(member.role);
    await expectCustomerPostAccepted(customer, () => addMember.getByRole("button", { name: "Add to your team" }).click());
    await expect(toast(customer)).toContainText(`${member.name} is now on your team for this proof of concept.`);
    const listed = customer.getByRole("group", { name: member.name });
    await expect(listed).toBeVisible();
    await expect(listed.getByLabel("Email", { exact: true })).toHaveValue(member.email);
    await expect(listed.getByLabel("Role", { exact: true })).toHaveValue(member.role);
    await expect(listed.getByText("Updated by you")).toBeVisible();

    // The plan: a customer-owned milestone completed. Sentry's own ones have no select.
    await customerTab(customer, "Mutual Action Plan");
    await expect(customer.getByLabel(`Status of “${KICK_OFF}”`, { exact: true })).toHaveCount(0);
    await customerSetStatus(customer, TECH_CONTACTS, "Completed", jsEnabled);
    // Phases: a customer-owned task completed.
    await customerTab(customer, "Phases and tasks");
    await customerSetStatus(customer, INSTALL_SDK, "Completed", jsEnabled);

    // Shown as completed after a fresh load too: visibly done (a check mark, "Completed"), the select tucked behind "Change status".
    await customer.goto(`${link}/plan`);
    await expect(customer.getByLabel(`Status of “${TECH_CONTACTS}”`, { exact: true })).toHaveValue("COMPLETED");
    const doneRow = customer.getByRole("listitem").filter({ hasText: TECH_CONTACTS });
    await expect(doneRow.getByRole("heading", { name: `2. ${TECH_CONTACTS} (completed)` })).toBeVisible();
    await expect(doneRow.getByText(/^✓\s*Completed$/)).toBeVisible();
    await expect(customer.getByLabel(`Status of “${TECH_CONTACTS}”`, { exact: true })).toBeHidden();
    await expect(doneRow.getByText("Change status")).toBeVisible();
    await expect(customer.getByText(`1 of ${TEMPLATE_MILESTONES.length} milestones completed`)).toBeVisible();
    await expect(customer.getByRole("listitem").filter({ hasText: TECH_CONTACTS }).getByText("Updated by you")).toBeVisible();
    await customer.goto(`${link}/phases`);
    await expect(customer.getByLabel(`Status of “${INSTALL_SDK}”`, { exact: true })).toHaveValue("COMPLETED");
    await expect(customer.getByText(`1 of ${SETUP_TASKS.length} tasks completed`)).toBeVisible();
    await customer.goto(link);
    await expect(customer.getByText(`2 of ${TOTAL_ITEMS} items completed`)).toBeVisible();
    await expectNoStaffTraces();
    const seen = await Promise.all(bodies);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((b) => b.text.includes(marker)).map((b) => b.url)).toEqual([]);
  } finally {
    await customerContext.close();
  }

  // Back as the SE: every change is there, attributed to the customer.
  await page.goto(`/staff/pocs/${poc.id}`);
  const activity = page.getByTestId("activity");
  const byCustomer = activity.getByRole("listitem").filter({ hasText: "updated by the customer" });
  await expect(byCustomer.filter({ hasText: `The customer set the status of milestone “${TECH_CONTACTS}” to Completed` })).toHaveCount(1);
  await expect(byCustomer.filter({ hasText: `The customer set the status of task “${INSTALL_SDK}” to Completed` })).toHaveCount(1);
  await expect(byCustomer.filter({ hasText: `The customer added customer team member ${member.name}` })).toHaveCount(1);
  await expect(byCustomer.filter({ hasText: "The customer confirmed the tech stack" })).toHaveCount(1);
  // The SE's own changes are not marked as the customer's.
  await expect(activity.getByRole("listitem").filter({ hasText: `${se.name} created a new customer link` }).getByText("updated by the customer")).toHaveCount(0);
  await expect(page.getByText(`Overall: 2 of ${TOTAL_ITEMS} milestones, tasks and criteria completed`)).toBeVisible();

  await workspaceTab(page, "Mutual Action Plan");
  const techContactsRow = entry(page, TECH_CONTACTS);
  await expect(techContactsRow.getByLabel(`Status of “${shortTitle(TECH_CONTACTS)}”`, { exact: true })).toHaveValue("COMPLETED");
  await expect(techContactsRow.getByText("Last updated by the customer")).toBeVisible();

  await workspaceTab(page, "Phases and tasks");
  await expect(page.getByLabel(`Status of “${INSTALL_SDK}”`, { exact: true })).toHaveValue("COMPLETED");
  await expect(entry(page, INSTALL_SDK).getByText("Last updated by the customer")).toBeVisible();

  await workspaceTab(page, "Team");
  const customerTeam = page.getByRole("list", { name: "Customer team members" });
  await expect(customerTeam.locator("[data-title]").getByText(member.name, { exact: true })).toBeVisible();
  await expect(customerTeam.getByRole("link", { name: member.email, exact: true })).toHaveAttribute("href", `mailto:${member.email}`);
  await expect(customerTeam.getByText(member.role, { exact: true })).toBeVisible();
  await expect(customerTeam.getByText("Last updated by the customer")).toBeVisible();

  await workspaceTab(page, "Tech stack and docs");
  await expect(page.getByTestId("tech-confirmed")).toContainText("Confirmed by the customer on");
  await expect(page.getByRole("checkbox", { name: "React", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Django", exact: true })).toBeChecked();
  await expect(page.getByRole("link", { name: "React", exact: true })).toHaveAttribute("href", REACT_DOCS);
  await expect(page.getByRole("link", { name: "Django", exact: true })).toHaveAttribute("href", DJANGO_DOCS);

  const stored = await db.prisma.poc.findUniqueOrThrow({ where: { id: poc.id } });
  expect(stored).toMatchObject({ techStack: ["javascript-react", "python-django"], techConfirmedBy: "customer" });
});

test("access: staff pages for staff only, customer links only while current and only for their own POC", async ({ page, contextAs, loginAs, jsEnabled, db, baseURL }) => {
  test.setTimeout(60_000);
  const run = runId(jsEnabled);

  // A guest is sent to log in; a student gets the 403 page.
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fstaff$/);
  await loginAs("STUDENT");
  const forbidden = await page.goto("/staff");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You don't have access to this page" })).toBeVisible();
  expect((await page.goto("/staff/pocs/new"))?.status()).toBe(403);

  // Two POCs with customer links.
  const se = await db.factories.createUser({ role: "SE", name: `Sky Engineer ${run}` });
  const a = await seedPoc(db, se, `Initech A ${run}`, { link: true });
  const b = await seedPoc(db, se, `Umbrella B ${run}`, { link: true });

  // Unknown tokens: well-formed or not, the same plain 404.
  await expectNotFoundPage(page, `/customer/${randomBytes(24).toString("base64url")}`);
  await expectNotFoundPage(page, "/customer/not-a-token");
  await expectNotFoundPage(page, `/customer/${randomBytes(24).toString("base64url")}/plan`);

  // A customer token with a row of another POC: refused as not found, nothing written.
  const bMilestone = await db.prisma.pocMilestone.findFirstOrThrow({ where: { pocId: b.poc.id, side: "CUSTOMER" }, orderBy: { position: "asc" } });
  const bTask = await db.prisma.pocTask.findFirstOrThrow({ where: { pocId: b.poc.id, side: "CUSTOMER" }, orderBy: { position: "asc" } });
  const bMember = await db.prisma.pocTeamMember.create({ data: { pocId: b.poc.id, position: 0, name: `Bea ${run}`, side: "CUSTOMER" } });
  const planPost = await page.request.post(`/customer/${a.token}/plan`, {
    form: { intent: "status", kind: "milestone", id: bMilestone.id, version: String(bMilestone.version), status: "COMPLETED" },
    maxRedirects: 0,
  });
  expect(planPost.status()).toBe(404);
  const phasesPost = await page.request.post(`/customer/${a.token}/phases`, {
    form: { intent: "status", kind: "task", id: bTask.id, version: String(bTask.version), status: "COMPLETED" },
    maxRedirects: 0,
  });
  expect(phasesPost.status()).toBe(404);
  const teamPost = await page.request.post(`/customer/${a.token}/team`, {
    form: { intent: "edit-member", id: bMember.id, version: String(bMember.version), name: "Taken over", email: "", role: "" },
    maxRedirects: 0,
  });
  expect(teamPost.status()).toBe(404);
  expect(await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: bMilestone.id } })).toMatchObject({ status: "NOT_STARTED", version: bMilestone.version, updatedBy: null });
  expect(await db.prisma.pocTask.findUniqueOrThrow({ where: { id: bTask.id } })).toMatchObject({ status: "NOT_STARTED", version: bTask.version, updatedBy: null });
  expect(await db.prisma.pocTeamMember.findUniqueOrThrow({ where: { id: bMember.id } })).toMatchObject({ name: `Bea ${run}`, version: bMember.version });
  expect(await db.prisma.pocActivity.count({ where: { pocId: b.poc.id, byCustomer: true } })).toBe(0);
  // The same kind of request with B's own token is accepted: only the token made the others fail.
  const control = await page.request.post(`/customer/${b.token}/plan`, {
    form: { intent: "status", kind: "milestone", id: bMilestone.id, version: String(bMilestone.version), status: "IN_PROGRESS" },
    maxRedirects: 0,
  });
  // Saved: a redirect back to B's plan at the milestone (POST/redirect/GET).
  expect(control.status()).toBe(303);
  expect(control.headers().location).toBe(`/customer/${b.token}/plan#milestone-${bMilestone.id}`);
  expect(await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: bMilestone.id } })).toMatchObject({ status: "IN_PROGRESS", updatedBy: "customer" });

  // The SE regenerates A's link: the old one is gone at once, the new one works; then revokes it.
  const staff = await contextAs(se.id);
  try {
    const sePage = await staff.newPage();
    await sePage.goto(`/staff/pocs/${a.poc.id}`);
    const oldLink = await readShareLink(sePage, baseURL!);
    expect(oldLink).toBe(`${baseURL}/customer/${a.token}`);
    await sePage.getByRole("button", { name: "Regenerate link" }).click();
    await expect(toast(sePage)).toContainText("New customer link created. The previous link no longer works.");
    await expect(sePage.getByLabel("Customer portal link")).not.toHaveValue(oldLink);
    const newLink = await readShareLink(sePage, baseURL!);

    await expectNotFoundPage(page, oldLink);
    await expect(page.getByText(`Initech A ${run}`)).toHaveCount(0);
    const works = await page.goto(newLink);
    expect(works?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: `Initech A ${run}` })).toBeVisible();

    await sePage.getByRole("button", { name: "Revoke link" }).click();
    await expect(toast(sePage)).toContainText("Customer link revoked: it no longer opens the portal.");
    await expect(sePage.getByLabel("Customer portal link")).toHaveCount(0);
    await expect(sePage.getByRole("button", { name: "Create link" })).toBeVisible();
    await expectNotFoundPage(page, newLink);
    await expectNotFoundPage(page, `${newLink}/plan`);
    expect((await page.request.post(`${newLink}/plan`, { form: { intent: "status" }, maxRedirects: 0 })).status()).toBe(404);
  } finally {
    await staff.close();
  }
});

test("no lost update: a stale edit shows who changed the cell and keeps the typed value until saved on purpose", async ({ page, contextAs, loginAs, jsEnabled, db }) => {
  test.setTimeout(60_000);
  const run = runId(jsEnabled);
  const alice = await loginAs("SE", { name: `Alice Aardvark ${run}` });
  const bob = await db.factories.createUser({ role: "SE", name: `Bob Badger ${run}` });
  const { poc } = await seedPoc(db, alice, `Hooli ${run}`);
  const milestone = await db.prisma.pocMilestone.findFirstOrThrow({ where: { pocId: poc.id, title: MID_POINT } });
  const aliceTitle = `Mid-point review with the CTO ${run}`;
  const bobTitle = `Mid-point review moved to week 3 ${run}`;

  const bobContext = await contextAs(bob.id);
  try {
    const bobPage = await bobContext.newPage();
    // Both open the milestone's editor before anyone saves.
    await page.goto(`/staff/pocs/${poc.id}/plan`);
    await bobPage.goto(`/staff/pocs/${poc.id}/plan`);
    await workspaceReady(page, jsEnabled);
    await workspaceReady(bobPage, jsEnabled);
    await openRowEditor(page, MID_POINT, jsEnabled);
    await openRowEditor(bobPage, MID_POINT, jsEnabled);
    const row = (p: Page) => p.locator(`#milestone-${milestone.id}`);
    const titleIn = (p: Page) => row(p).getByRole("textbox", { name: /^Title of milestone/ });
    await expect(titleIn(bobPage)).toHaveValue(MID_POINT);

    // Alice saves first.
    const label = `Title of milestone “${MID_POINT}”`;
    await saveRowFields(page, jsEnabled, [[label, aliceTitle]]);
    await expect.poll(async () => (await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } })).title).toBe(aliceTitle);

    // Bob, still on the old version, types something else and saves (JS: leaves the field; no JS: the row's Save).
    await titleIn(bobPage).fill(bobTitle);
    if (jsEnabled) await titleIn(bobPage).blur();
    else await row(bobPage).getByRole("button", { name: "Save", exact: true }).click();

    const bobTitleField = titleIn(bobPage);
    if (jsEnabled) {
      await expect(bobTitleField).toHaveAccessibleDescription(`Changed by ${alice.name} meanwhile: ${aliceTitle}. Yours is still in the field: Save to overwrite it.`);
      await expect(row(bobPage).locator("[data-conflict]")).toContainText(`Changed by ${alice.name} meanwhile: ${aliceTitle}.`);
    } else {
      await expect(bobTitleField).toHaveAccessibleDescription(`Changed by ${alice.name} meanwhile: ${aliceTitle}`);
      await expect(row(bobPage).locator("[data-conflict]")).toContainText(`Not saved: ${alice.name} changed this field meanwhile.`);
    }
    await expect(bobTitleField).toHaveValue(bobTitle);
    const afterConflict = await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } });
    expect(afterConflict).toMatchObject({ title: aliceTitle, updatedBy: alice.name, version: milestone.version + 1 });

    // Bob overwrites on purpose: the form now carries Alice's version.
    const saveMine = row(bobPage).getByRole("button", { name: jsEnabled ? /^Save mine for title of milestone/ : /^Save mine$/ });
    await expect(saveMine).toBeVisible();
    await expect(saveMine).toHaveText("Save mine");
    if (jsEnabled) await expect(row(bobPage).getByRole("button", { name: "Use theirs" })).toBeVisible();
    await saveMine.click();
    if (jsEnabled) {
      await expect(titleIn(bobPage)).toHaveAccessibleDescription(/✓ Saved/);
      await expect(titleIn(bobPage)).toHaveValue(bobTitle);
    } else {
      await expect(toast(bobPage)).toContainText("Milestone saved.");
      await expect(entry(bobPage, bobTitle)).toBeVisible();
    }
    await expect(row(bobPage).locator("[data-conflict]")).toHaveCount(0);
    await expect.poll(async () => (await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } })).title).toBe(bobTitle);
    expect(await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } })).toMatchObject({ updatedBy: bob.name, version: milestone.version + 2 });

    // Alice's next load shows Bob's value; the activity has both saves.
    await page.goto(`/staff/pocs/${poc.id}/plan`);
    await expect(entry(page, bobTitle)).toBeVisible();
    const summaries = (await db.prisma.pocActivity.findMany({ where: { pocId: poc.id }, orderBy: { at: "asc" }, select: { actor: true, summary: true } })).filter((a) =>
      a.summary.startsWith("set the title"),
    );
    expect(summaries).toEqual([
      { actor: alice.name, summary: `set the title of milestone “${MID_POINT}” to ${aliceTitle}` },
      { actor: bob.name, summary: `set the title of milestone “${aliceTitle}” to ${bobTitle}` },
    ]);
  } finally {
    await bobContext.close();
  }
});

test("customer portal: co-branded, a save lands back at its row and a refresh never posts again, done reads as done, a stale save keeps the choice", async ({ contextAs, loginAs, jsEnabled, db }) => {
  test.setTimeout(60_000);
  const run = runId(jsEnabled);
  const se = await loginAs("SE", { name: `Sky Engineer ${run}` });
  const customerName = `Umbrella Labs ${run}`;
  const { poc, token } = await seedPoc(db, se, customerName, { link: true });
  const tasks = await db.prisma.pocTask.findMany({ where: { pocId: poc.id, side: "CUSTOMER" }, orderBy: [{ phaseId: "asc" }, { position: "asc" }] });
  const install = tasks.find((t) => t.title === INSTALL_SDK)!;
  const other = tasks.find((t) => t.id !== install.id)!;

  const customerContext = await contextAs(null);
  try {
    const customer = await customerContext.newPage();
    const posts: string[] = [];
    customer.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await customer.goto(`/customer/${token}`);

    // The header is the customer's, "with Sentry" (their initials: no logo set); no Academy header or footer.
    const banner = customer.getByRole("banner");
    await expect(banner).toContainText(`${customerName}with Sentry`);
    await expect(banner.getByTestId("customer-monogram")).toHaveText("UL");
    await expect(banner).not.toContainText("Sentry Academy");
    await expect(customer.getByRole("contentinfo")).toContainText(`Shared with ${customerName} by ${se.name} at Sentry.`);
    await expect(customer.getByText("learn to see what your software is doing")).toHaveCount(0);
    await expect(customer.getByRole("navigation", { name: "Proof of concept" }).getByRole("link")).toHaveText(["Overview", "Mutual Action Plan", "Phases and tasks", "Success criteria", "Tech stack and docs", "Team"]);

    // "Next up for your team" opens the task itself, not the top of the page.
    await customer.getByRole("link", { name: INSTALL_SDK }).click();
    await expect(customer).toHaveURL(new RegExp(`/customer/${token}/phases#task-${install.id}$`));
    const row = customer.locator(`#task-${install.id}`);
    await expect(row).toBeInViewport();

    // Save: without JS a 303 back to #task-<id> with a toast; with JS in place.
    await customerSetStatus(customer, INSTALL_SDK, "Completed", jsEnabled);
    await expect(customer).toHaveURL(new RegExp(`/phases#task-${install.id}$`));
    await expect(row).toBeInViewport();
    expect(posts).toHaveLength(1);

    // A refresh shows the page at the row again and posts nothing.
    await customer.reload();
    expect(posts, "a refresh must not re-post the form").toHaveLength(1);
    await expect(row).toBeInViewport();
    // Done reads as done: the check mark, "Completed", muted, and no open select.
    await expect(row).toHaveAttribute("data-status", "COMPLETED");
    await expect(row.getByRole("heading", { name: `${INSTALL_SDK} (completed)` })).toBeVisible();
    await expect(row.getByText("✓", { exact: true }).first()).toBeVisible();
    await expect(row.getByLabel(`Status of “${INSTALL_SDK}”`, { exact: true })).toBeHidden();
    await expect(row.getByText("Change status")).toBeVisible();
    expect((await db.prisma.pocTask.findUniqueOrThrow({ where: { id: install.id } })).status).toBe("COMPLETED");

    // A stale save: someone else changed the task meanwhile. The newer value shows next to the row, the choice is kept, nothing is written.
    await db.prisma.pocTask.update({ where: { id: other.id }, data: { status: "BLOCKED", version: { increment: 1 }, updatedBy: "customer" } });
    const select = customer.getByLabel(`Status of “${other.title}”`, { exact: true });
    const otherRow = customer.locator(`#task-${other.id}`);
    if (jsEnabled) {
      await select.selectOption({ label: "In progress" });
    } else {
      await select.selectOption({ label: "In progress" });
      const [response] = await Promise.all([
        customer.waitForResponse((r) => r.request().method() === "POST"),
        otherRow.getByRole("button", { name: "Save", exact: true }).click(),
      ]);
      expect(response.status()).toBe(409);
    }
    await expect(otherRow.getByRole("status")).toContainText("Changed meanwhile by someone on your team: Blocked. Your choice is kept; save again to use it.");
    await expect(customer.getByLabel(`Status of “${other.title}”`, { exact: true })).toHaveValue("IN_PROGRESS");
    expect((await db.prisma.pocTask.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("BLOCKED");
  } finally {
    await customerContext.close();
  }
});
