/**
 * Helpers of the POC Portal journeys (poc-portal.spec.ts): seeding a POC through
 * the app's own poc.server.ts, and the workspace's and customer portal's ways of
 * saving (on blur/change with JS, with each cell's Save button without).
 */
import type { Locator, Page } from "@playwright/test";
import { shortTitle } from "~/utils/text.ts";
import { expect, toast, type Db } from "./fixtures.ts";

type Staff = { id: string; name: string };

/** The POC data module, loaded after the `db` fixture pointed DATABASE_URL at the e2e database. */
export const pocServer = () => import("~/modules/poc/poc.server.ts");

/** A POC from the templates (as "New POC" makes it), owned by `owner`, optionally with a customer link. */
export async function seedPoc(db: Db, owner: Staff, customerName: string, options: { link?: boolean } = {}) {
  const { createPoc, regenerateShareLink } = await pocServer();
  const actor = { kind: "staff" as const, userId: owner.id, name: owner.name };
  const poc = await createPoc(
    { customerName, accountDomain: `${customerName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.com`, ownerId: owner.id, startDate: null, endDate: null, goals: `Goals of ${customerName}` },
    actor,
  );
  const token = options.link ? await regenerateShareLink(poc.id, null, actor) : null;
  // Sanity: the setup went to the database the e2e server reads.
  expect(await db.prisma.poc.count({ where: { id: poc.id } })).toBe(1);
  return { poc, token, actor };
}

/**
 * With JS, wait until the workspace is hydrated: the cells' Save buttons are then
 * hidden (they save on blur or change), so typing reaches React's state.
 */
export async function workspaceReady(page: Page, jsEnabled: boolean) {
  await expect(page.locator("main form[method=post]").first()).toBeAttached();
  if (jsEnabled) await expect(page.locator("form[data-cell] button[type=submit][hidden]").first()).toBeAttached();
}

/** The accessible name of a cell's Save button ("Save owner of “…”"). */
export const saveButtonName = (label: string) => `Save ${label.charAt(0).toLowerCase()}${label.slice(1)}`;

/**
 * Saves one workspace cell the way a person does: with JS the value saves when the
 * field loses focus (selects save on change); without JS, the cell's own Save
 * button. Then the cell says "✓ Saved". `label` is the cell's accessible name
 * before the save (a title cell's name follows the saved title).
 */
export async function saveCell(page: Page, field: Locator, jsEnabled: boolean, label: string) {
  if (jsEnabled) {
    if ((await field.evaluate((el) => el.tagName)) !== "SELECT") await field.blur();
  } else {
    await page.getByRole("button", { name: saveButtonName(label), exact: true }).click();
  }
  await expect(field).toHaveAccessibleDescription(/✓ Saved/);
}

/** The titles a read-view list shows (milestones, a phase's tasks, criteria), in order, in full. */
export function shownTitles(page: Page, list: string) {
  return page.getByRole("list", { name: list, exact: true }).locator("[data-title]").allInnerTexts();
}

/** The milestone titles of the Mutual Action Plan tab, in plan order. */
export function milestoneTitles(page: Page) {
  return shownTitles(page, "Mutual Action Plan milestones");
}

/** The read-view entry (milestone, task, criterion, member) whose title is `title`. */
export function entry(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.locator("[data-title]").getByText(title, { exact: true }) });
}

/**
 * Opens a row's editor with its Edit link: without JS the page comes back with
 * `?edit=<id>` and the row as one form; with JS the row opens in place, its fields saving on blur.
 */
export async function openRowEditor(page: Page, title: string, jsEnabled: boolean) {
  await page.getByRole("link", { name: `Edit “${shortTitle(title)}”`, exact: true }).click();
  if (!jsEnabled) await expect(page).toHaveURL(/\?edit=/);
  await expect(page.getByRole(jsEnabled ? "group" : "form", { name: new RegExp(`^Edit .*“${escapeRe(shortTitle(title))}”`) })).toBeVisible();
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Changes several fields of the open row editor the way a person does: with JS
 * each field saves when left (selects on change) and says "✓ Saved"; without JS
 * all are filled, then the form's one Save posts them together (back to the row).
 * `fields` are [accessible name, value] pairs; selects take an option label.
 */
export async function saveRowFields(page: Page, jsEnabled: boolean, fields: [string, string][], saveLabel = "Save") {
  for (const [label, value] of fields) {
    // Pinned by id: a title's cell is named after the row's title, which changes once it is saved.
    const id = await page.getByLabel(label, { exact: true }).evaluate((el) => el.id);
    const field = page.locator(`[id="${id}"]`);
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption({ label: value });
    else await field.fill(value);
    if (jsEnabled) {
      if ((await field.evaluate((el) => el.tagName)) !== "SELECT") await field.blur();
      await expect(field).toHaveAccessibleDescription(/✓ Saved/);
    }
  }
  if (!jsEnabled) {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: saveLabel, exact: true }).click()]);
    expect(response.status(), "the row's Save redirects back to the row").toBe(302);
    await expect(page).not.toHaveURL(/\?edit=/);
  }
}

export async function workspaceTab(page: Page, name: string) {
  await page.getByRole("navigation", { name: "POC sections" }).getByRole("link", { name, exact: true }).click();
}

export async function customerTab(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Proof of concept" }).getByRole("link", { name, exact: true }).click();
}

/**
 * Runs `act` (a click or a select that submits a customer form) and checks the
 * server accepted the POST: with JS a fetch to `<route>.data`, without JS the
 * browser's own form submission, which carries the page's Origin header.
 */
export async function expectCustomerPostAccepted(page: Page, act: () => Promise<unknown>) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/customer/")), act()]);
  expect(
    response.status(),
    `POST ${new URL(response.url()).pathname} (Origin: ${await response.request().headerValue("origin")}) was refused: the customer portal must accept its own forms`,
  ).toBeLessThan(400);
}

/**
 * The customer's status select of a milestone or task: saves on change with JS
 * (the answer in place), with its Save button without, which redirects back to
 * the page at the row (POST/redirect/GET: the URL carries `#milestone-<id>` or
 * `#task-<id>` and a toast says what was saved). Returns the row.
 */
export async function customerSetStatus(page: Page, title: string, status: string, jsEnabled: boolean) {
  const select = page.getByLabel(`Status of “${title}”`, { exact: true });
  const row = page.getByRole("listitem").filter({ has: select });
  await expect(select).toBeAttached();
  if (jsEnabled) {
    const url = page.url();
    await expectCustomerPostAccepted(page, () => select.selectOption({ label: status }));
    await expect(page.getByLabel(`Status of “${title}”`, { exact: true })).toHaveAccessibleDescription(/✓ Saved/);
    expect(page.url(), "with JS the save stays in place").toBe(url);
  } else {
    await select.selectOption({ label: status });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/customer/")),
      row.getByRole("button", { name: "Save", exact: true }).click(),
    ]);
    expect(response.status(), "a save without JS redirects (303), so a refresh never posts again").toBe(303);
    const id = await row.getAttribute("id");
    expect(id).toMatch(/^(milestone|task)-/);
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await expect(toast(page)).toContainText(`Saved: “${title}” is now ${status}.`);
  }
  return row;
}

export async function expectNotFoundPage(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
}

/** The staff Overview's customer link, as the SE copies it from the read-only field. */
export async function readShareLink(page: Page, baseURL: string) {
  const field = page.getByLabel("Customer portal link");
  await expect(field).toHaveAttribute("readonly", "");
  const url = await field.inputValue();
  expect(url).toMatch(new RegExp(`^${baseURL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/customer/[A-Za-z0-9_-]{32}$`));
  return url;
}
