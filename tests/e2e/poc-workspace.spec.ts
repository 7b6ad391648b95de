/**
 * The SE workspace read first, edited safely (decision 030): a row's Edit opens
 * one form for the whole row; without JavaScript two changed fields go with ONE
 * Save and both are kept; a save based on a version someone else already
 * replaced shows the conflict (their value, the person's own still in the
 * field) and writes nothing until saved on purpose. With JavaScript the same
 * editor opens in place and each field saves when left. Also: the page reads
 * at 320 px (no sideways scroll, the current section named) and has no serious
 * axe violation.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { shortTitle } from "~/utils/text.ts";
import { DEFAULT_POC_TEMPLATES } from "~/data/poc-templates.ts";
import { expect, runId, test, toast } from "./support/fixtures.ts";
import { entry, milestoneTitles, openRowEditor, pocServer, saveRowFields, seedPoc, workspaceReady } from "./support/poc.ts";

const [KICK_OFF, TECH_CONTACTS] = DEFAULT_POC_TEMPLATES.milestones.map((m) => m.title);

const row = (page: Page, id: string) => page.locator(`#milestone-${id}`);

test("Edit opens one form for the row: two fields changed, saved once, both kept", async ({ page, loginAs, jsEnabled, db }) => {
  const run = runId(jsEnabled);
  const se = await loginAs("SE", { name: `Rae Engineer ${run}` });
  const { poc } = await seedPoc(db, se, `Wayne ${run}`);
  const milestone = await db.prisma.pocMilestone.findFirstOrThrow({ where: { pocId: poc.id, title: TECH_CONTACTS } });
  const title = `Technical contacts named, test environment ready ${run}`;
  const owner = `Priya Platform ${run}`;

  await page.goto(`/staff/pocs/${poc.id}/plan`);
  await workspaceReady(page, jsEnabled);
  // Read first: the title in full, no input around it.
  await expect(entry(page, TECH_CONTACTS)).toBeVisible();
  await expect(row(page, milestone.id).getByRole("textbox")).toHaveCount(0);

  await openRowEditor(page, TECH_CONTACTS, jsEnabled);
  if (!jsEnabled) {
    // Without JS: one form with every field of the row and exactly one Save.
    const form = page.getByRole("form", { name: `Edit milestone “${shortTitle(TECH_CONTACTS)}”` });
    await expect(form.getByRole("button")).toHaveCount(1);
    await expect(form.getByRole("button", { name: "Save", exact: true })).toBeVisible();
    for (const field of ["Title of milestone", "Owner of", "Side of", "Due date of", "Status of"]) {
      await expect(form.getByLabel(`${field} “${shortTitle(TECH_CONTACTS)}”`, { exact: true })).toBeVisible();
    }
  }
  // The owner first: with JS a saved title renames the row's fields ("Owner of “<new title>”").
  await saveRowFields(page, jsEnabled, [
    [`Owner of “${shortTitle(TECH_CONTACTS)}”`, owner],
    [`Title of milestone “${shortTitle(TECH_CONTACTS)}”`, title],
  ]);
  if (!jsEnabled) {
    // PRG: back on the plan at the row, the editor closed, the toast says so.
    await expect(page).toHaveURL(new RegExp(`/staff/pocs/${poc.id}/plan#milestone-${milestone.id}$`));
    await expect(toast(page)).toContainText("Milestone saved.");
  } else {
    await row(page, milestone.id).getByRole("button", { name: "Done" }).click();
  }
  await expect(entry(page, title)).toContainText(`Owner: ${owner}`);

  // Both kept, for real: a fresh load and the database.
  await page.goto(`/staff/pocs/${poc.id}/plan`);
  await expect(entry(page, title)).toContainText(`Owner: ${owner}`);
  expect((await milestoneTitles(page))[1]).toBe(title);
  const stored = await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } });
  // One Save is one versioned write without JS; with JS each field saved when left.
  expect(stored).toMatchObject({ title, owner, updatedBy: se.name, version: milestone.version + (jsEnabled ? 2 : 1) });
});

test("a stale save shows the conflict: their value, mine still in the field, nothing written until saved on purpose", async ({ page, loginAs, jsEnabled, db }) => {
  const run = runId(jsEnabled);
  const se = await loginAs("SE", { name: `Ola Engineer ${run}` });
  const other = await db.factories.createUser({ role: "SE", name: `Lin Other ${run}` });
  const { poc } = await seedPoc(db, se, `Stark ${run}`);
  const milestone = await db.prisma.pocMilestone.findFirstOrThrow({ where: { pocId: poc.id, title: KICK_OFF } });
  const mine = { title: `Kick-off with the CTO ${run}`, owner: `Mine ${run}` };
  const theirs = `Kick-off moved to Monday ${run}`;

  await page.goto(`/staff/pocs/${poc.id}/plan`);
  await workspaceReady(page, jsEnabled);
  await openRowEditor(page, KICK_OFF, jsEnabled);
  // Someone else saves the same row first (through the app's one versioned write).
  const { updateRow } = await pocServer();
  const saved = await updateRow(poc.id, "milestone", milestone.id, milestone.version, { title: theirs }, { kind: "staff", userId: other.id, name: other.name });
  expect(saved.ok).toBe(true);

  // Named after the row's title, which is theirs once the page shows the conflict.
  const titleField = row(page, milestone.id).getByRole("textbox", { name: /^Title of milestone “/ });
  const ownerField = row(page, milestone.id).getByRole("textbox", { name: /^Owner of “/ });
  await titleField.fill(mine.title);
  if (jsEnabled) await titleField.blur();
  await ownerField.fill(mine.owner);
  if (jsEnabled) await ownerField.blur();
  else await row(page, milestone.id).getByRole("button", { name: "Save", exact: true }).click();

  // The conflict, with their value and mine kept.
  await expect(row(page, milestone.id).locator("[data-conflict]")).toBeVisible();
  await expect(titleField).toHaveAccessibleDescription(new RegExp(`^Changed by ${other.name} meanwhile: ${theirs}`));
  await expect(titleField).toHaveValue(mine.title);
  await expect(ownerField).toHaveValue(mine.owner);
  const during = await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } });
  expect(during.title).toBe(theirs);
  // Without JS nothing of the form was written (one write or none); with JS the owner, a field they didn't touch, saved on its own.
  // (With JS the owner's save is its own request, which may still be on its way: polled.)
  await expect
    .poll(async () => (await db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } })).owner)
    .toBe(jsEnabled ? mine.owner : milestone.owner);

  // Saving again keeps mine, on purpose.
  await row(page, milestone.id).getByRole("button", { name: jsEnabled ? /^Save mine for title/ : /^Save mine$/ }).click();
  if (jsEnabled) await expect(titleField).toHaveAccessibleDescription(/✓ Saved/);
  else await expect(toast(page)).toContainText("Milestone saved.");
  await expect.poll(async () => db.prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } })).toMatchObject({ title: mine.title, owner: mine.owner, updatedBy: se.name });
});

test("the workspace reads at 320 px: no sideways scroll, the current section named, no serious axe violation", async ({ page, loginAs, jsEnabled, db }) => {
  test.setTimeout(180_000);
  const run = runId(jsEnabled);
  const se = await loginAs("SE", { name: `Noor Engineer ${run}` });
  const { poc } = await seedPoc(db, se, `Cyberdyne ${run}`);
  const milestone = await db.prisma.pocMilestone.findFirstOrThrow({ where: { pocId: poc.id, title: KICK_OFF } });
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [path, section] of [
      ["", "Overview"],
      ["/plan", "Mutual Action Plan"],
      ["/phases", "Phases and tasks"],
      ["/criteria", "Success criteria"],
      ["/team", "Team"],
      ["/tech", "Tech stack and docs"],
      [`/plan?edit=${milestone.id}`, "Mutual Action Plan"],
    ] as const) {
      await page.goto(`/staff/pocs/${poc.id}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path || "/"} at ${width} px`).toBe(0);
      if (width === 320) {
        // One line names the section; the list of all eight opens from it.
        const summary = page.locator("summary", { hasText: /^Section \d of 8/ });
        await expect(summary).toContainText(section);
        await summary.click();
        await expect(page.getByRole("navigation", { name: "POC sections" }).getByRole("link")).toHaveCount(8);
        await expect(page.getByRole("navigation", { name: "POC sections" }).getByRole("link", { name: section, exact: true })).toHaveAttribute("aria-current", "page");
      } else {
        // Every tab visible at 1280 px, none clipped.
        const tabs = page.getByRole("navigation", { name: "POC sections" }).getByRole("link");
        await expect(tabs).toHaveCount(8);
        for (const tab of await tabs.all()) await expect(tab).toBeInViewport({ ratio: 1 });
      }
      // axe needs JavaScript in the page; the markup it checks is the server's (the same with JS off).
      if (jsEnabled && !["/team", "/tech"].includes(path)) {
        // The workspace itself (the site header and footer are decision 029's page suite).
        const axe = await new AxeBuilder({ page }).include("main").analyze();
        const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${path || "/"} at ${width} px`).toEqual([]);
      }
    }
  }
});
