/**
 * POC Portal part 2 end to end, against the fake Gong (port 3212) and fake Claude
 * (port 3213) that the e2e server's demo mode starts: the SE searches Gong for the
 * POC's domain over a date range, picks calls, fetches their transcripts (more than
 * one page), runs the AI analysis and watches it finish, edits one item, rejects
 * one, accepts one into the success criteria; the customer's link then shows that
 * criterion and nothing from Gong or the analysis.
 *
 * Demo mode moves the fake's calls to the last few weeks (recentScenario), so the
 * ranges here are relative to today. Both projects (JS on / JS off) run at the same
 * time, each with its own SE and POC for northwind.example.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, runId, test, toast } from "./support/fixtures.ts";

const FAKE_GONG = `http://127.0.0.1:${process.env.E2E_FAKE_GONG_PORT ?? "3212"}`;
/** Jobs run in the server's pg-boss worker; Gong allows 3 requests/s shared by both projects. */
const JOB_TIMEOUT = 30_000;

const PICKED = ["Northwind POC kickoff", "Northwind POC check-in, week 1", "Northwind security and compliance review", "Northwind <> Sentry: discovery"];

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

function valueItem(page: Page, statement: string) {
  return page.getByTestId("value-item").filter({ has: page.getByText(statement, { exact: true }) });
}

/** The statements of the suggested items of a section, in page order. */
function suggestedStatements(page: Page, section: string) {
  return page
    .getByTestId(`section-${section}`)
    .getByTestId("value-item")
    .filter({ hasText: "Suggested" })
    .locator("p.font-semibold")
    .allTextContents();
}

test("an SE pulls Gong calls, runs the AI analysis and turns an accepted item into a success criterion; the customer sees only the criterion", async ({
  page,
  contextAs,
  loginAs,
  jsEnabled,
  db,
}) => {
  test.slow();
  const run = runId(jsEnabled);
  const se = await loginAs("SE", { name: `Gina Grant ${run}` });
  const { createPoc, regenerateShareLink } = await import("~/modules/poc/poc.server.ts");
  const actor = { kind: "staff" as const, userId: se.id, name: se.name };
  const poc = await createPoc({ customerName: `Northwind ${run}`, accountDomain: "northwind.example", ownerId: se.id, startDate: null, endDate: null, goals: "" }, actor);
  const token = await regenerateShareLink(poc.id, null, actor);

  // 1. Search Gong for the domain over the last 45 days.
  await page.goto(`/staff/pocs/${poc.id}/gong`);
  await expect(page.getByRole("heading", { level: 2, name: "Gong calls" })).toBeVisible();
  await page.getByLabel("From").fill(isoDay(-45));
  await page.getByLabel("To").fill(isoDay(0));
  await page.getByRole("button", { name: "Search Gong" }).click();
  await expect(toast(page)).toContainText("Gong search started.");
  await expect(page.getByTestId("gong-search-status")).toContainText(/Done · Found 8 calls with northwind\.example/, { timeout: JOB_TIMEOUT });
  // Only the domain's calls: not the other Northwind company's.
  await expect(page.getByRole("checkbox", { name: /^Pick / })).toHaveCount(8);
  await expect(page.getByText("Northwind Logistics", { exact: false })).toHaveCount(0);

  // 2. Pick four calls and fetch their transcripts (the fake pages transcripts by three calls).
  for (const title of PICKED) await page.getByRole("checkbox", { name: `Pick ${title}`, exact: true }).check();
  await page.getByRole("button", { name: "Fetch transcripts" }).click();
  await expect(page.getByTestId("gong-fetch-status")).toContainText(/Done · Fetched 4 transcripts \(\d+ lines\)/, { timeout: JOB_TIMEOUT });
  const stored = await db.prisma.pocCall.findMany({ where: { pocId: poc.id, transcriptFetchedAt: { not: null } }, select: { title: true } });
  expect(stored.map((c) => c.title).sort()).toEqual([...PICKED].sort());
  const gongLog = (await (await fetch(`${FAKE_GONG}/__fake/calls`)).json()) as { calls: { path: string; hasCursor: boolean; status: number }[] };
  expect(gongLog.calls.some((c) => c.path === "/v2/calls/transcript" && c.hasCursor && c.status === 200), "a transcript page fetched with the cursor").toBe(true);
  // Speakers are resolved to names and sides.
  await page.getByRole("row").filter({ hasText: "Northwind POC kickoff" }).getByText("First lines").click();
  await expect(page.getByRole("row").filter({ hasText: "Northwind POC kickoff" })).toContainText(/Sam Okafor \(sentry\): Welcome to the kickoff\..*Marco Bellini \(customer\): Got mine\./);

  // 3. Run the analysis and watch it finish.
  await page.getByRole("navigation", { name: "POC sections" }).getByRole("link", { name: "AI value framework", exact: true }).click();
  await page.getByRole("button", { name: "Analyse 4 selected transcripts" }).click();
  await expect(toast(page)).toContainText("Analysis started.");
  await expect(page.getByTestId("ai-run-status")).toContainText(/Done · Suggested \d+ items from 4 transcripts/, { timeout: JOB_TIMEOUT });
  // Every suggestion quotes the transcript it comes from.
  const first = page.getByTestId("value-item").first();
  await expect(first.locator("blockquote")).not.toHaveCount(0);
  await expect(first).toContainText(/Northwind .* · \d\d:\d\d:\d\d/);

  const [toEdit, toReject] = await suggestedStatements(page, "current_challenges");
  const [toAccept] = await suggestedStatements(page, "impact");
  expect(toEdit && toReject && toAccept, "the analysis suggested challenges and impact").toBeTruthy();
  const rejectedQuote = (await valueItem(page, toReject).locator("blockquote").first().textContent())!.replace(/[“”]/g, "");

  // 4a. Edit one item.
  const edited = `Checkout errors take days to reach the right team (${run})`;
  const editForm = valueItem(page, toEdit);
  await editForm.getByLabel("Statement").fill(edited);
  await editForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(toast(page)).toContainText("Item saved.");
  await expect(valueItem(page, edited)).toContainText("Edited");

  // 4b. Reject one.
  await valueItem(page, toReject).getByRole("button", { name: "Reject", exact: true }).click();
  await expect(valueItem(page, toReject)).toContainText("Rejected");
  await expect(valueItem(page, toReject).getByRole("button", { name: "Accept", exact: true })).toBeVisible();

  // 4c. Accept one, then add it to the success criteria in one click.
  await valueItem(page, toAccept).getByRole("button", { name: "Accept", exact: true }).click();
  await expect(valueItem(page, toAccept)).toContainText("Accepted");
  await valueItem(page, toAccept).getByRole("button", { name: "Add to success criteria" }).click();
  await expect(toast(page)).toContainText("Added to the success criteria.");
  await expect(valueItem(page, toAccept)).toContainText("In the success criteria");

  await page.getByRole("navigation", { name: "POC sections" }).getByRole("link", { name: "Success criteria", exact: true }).click();
  // The criteria tab reads as a timeline (decision 030): the accepted statement is its last step's title.
  await expect(page.getByRole("main").getByText(toAccept, { exact: true }).last()).toBeVisible();
  const items = await db.prisma.pocValueItem.findMany({ where: { pocId: poc.id, statement: { in: [edited, toReject, toAccept] } }, select: { statement: true, status: true, criterionId: true } });
  expect(Object.fromEntries(items.map((i) => [i.statement, i.status]))).toEqual({ [edited]: "EDITED", [toReject]: "REJECTED", [toAccept]: "ACCEPTED" });

  // 5. The customer's link: the new criterion, and nothing of Gong or the analysis.
  const customer = await contextAs(null);
  const portal = await customer.newPage();
  await portal.goto(`/customer/${token}/criteria`);
  await expect(portal.getByRole("main")).toContainText(toAccept);
  for (const path of ["", "/criteria", "/plan", "/phases", "/team", "/tech"]) {
    await portal.goto(`/customer/${token}${path}`);
    const html = await portal.content();
    for (const secret of [edited, toReject, rejectedQuote, "Gong", "transcript", "Claude", "value framework"]) {
      expect(html.includes(secret), `the customer page ${path || "/"} must not contain “${secret}”`).toBe(false);
    }
  }
  await customer.close();
});

test("without a search range the SE is told what to enter, and nothing is queued", async ({ page, loginAs, db }) => {
  const se = await loginAs("SE");
  const { createPoc } = await import("~/modules/poc/poc.server.ts");
  const actor = { kind: "staff" as const, userId: se.id, name: se.name };
  const poc = await createPoc({ customerName: `Range ${randomBytes(3).toString("hex")}`, accountDomain: "northwind.example", ownerId: se.id, startDate: null, endDate: null, goals: "" }, actor);
  await page.goto(`/staff/pocs/${poc.id}/gong`);
  await page.getByLabel("From").fill(isoDay(0));
  await page.getByLabel("To").fill(isoDay(-10));
  await page.getByRole("button", { name: "Search Gong" }).click();
  await expect(page.getByRole("alert")).toHaveText("The start date must be on or before the end date.");
  // What the SE typed is still there.
  await expect(page.getByLabel("From")).toHaveValue(isoDay(0));
  await expect(page.getByLabel("To")).toHaveValue(isoDay(-10));
  expect(await db.prisma.pocJobRun.count({ where: { pocId: poc.id } })).toBe(0);
});
