/**
 * Playwright fixtures: `db` gives the tests the app's own data modules pointed
 * at the e2e database; `loginAs` creates a user and logs the browser in by
 * creating a session row (no clicking through the login form); `contextAs`
 * opens a second browser (signed in as someone, or signed out); `jsEnabled`
 * says which of the two runs (JS on / JS off) this is.
 */
import { randomBytes } from "node:crypto";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { linkInInbox, readInbox } from "../../support/mail-dir.ts";
import { withDatabase, resolveTestPostgres } from "../../support/test-database.ts";
import type { RoleName } from "~/utils/permissions.ts";

type Factories = typeof import("../../support/factories.ts");
export type Db = {
  factories: Factories;
  courses: typeof import("../../support/courses.ts");
  prisma: (typeof import("~/utils/db.server.ts"))["prisma"];
};

/** React's hydration errors: production codes (react.dev/errors/418 …) and the development wording. */
const HYDRATION_ERROR = /Minified React error #(418|419|421|422|423|425)\b|Hydration failed|error while hydrating|did not match\. Server/;

/** Signs `context` in as `userId` with a session row made by the factories (counts as past the second factor). */
async function signIn(db: Db, context: BrowserContext, userId: string, baseURL: string) {
  const { name, value } = await db.factories.createSessionCookie(userId);
  await context.addCookies([{ name, value, url: baseURL }]);
}

export const test = base.extend<
  {
    loginAs: (role?: RoleName, overrides?: { name?: string; email?: string }) => Promise<Awaited<ReturnType<Factories["createUser"]>>>;
    contextAs: (userId: string | null) => Promise<BrowserContext>;
    jsEnabled: boolean;
  },
  { db: Db; e2eDatabase: string }
>({
  // The database of the server under test: the S3 projects (media-targets.ts) run against their own.
  e2eDatabase: [process.env.E2E_DATABASE ?? "academy_e2e", { scope: "worker", option: true }],
  db: [
    async ({ e2eDatabase }, use) => {
      const { adminUrl } = await resolveTestPostgres();
      process.env.DATABASE_URL = withDatabase(adminUrl, e2eDatabase);
      process.env.SESSION_SECRET = process.env.E2E_SESSION_SECRET;
      const factories = await import("../../support/factories.ts");
      const courses = await import("../../support/courses.ts");
      const { prisma, disconnectPrisma } = await import("~/utils/db.server.ts");
      await use({ factories, courses, prisma });
      await disconnectPrisma();
    },
    { scope: "worker" },
  ],
  // Every journey fails on a Content-Security-Policy violation (a script, style, image or form
  // target the policy blocks: security-headers.server.ts), with JavaScript on and off; and, with
  // JavaScript, on a React hydration error (the server's HTML differs from the browser's first
  // render: React throws it away and renders again on the client, #418/#423/#425 in production).
  page: async ({ page }, use) => {
    const violations: string[] = [];
    const hydration: string[] = [];
    page.on("console", (message) => {
      const text = message.text();
      if (/Content Security Policy|Content-Security-Policy/i.test(text)) violations.push(`${page.url()}: ${text}`);
      if (HYDRATION_ERROR.test(text)) hydration.push(`${page.url()}: ${text}`);
    });
    page.on("pageerror", (error) => {
      if (HYDRATION_ERROR.test(error.message)) hydration.push(`${page.url()}: ${error.message}`);
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations in the browser console").toEqual([]);
    expect(hydration, "React hydration errors in the browser console").toEqual([]);
  },
  // eslint-disable-next-line no-empty-pattern
  jsEnabled: async ({}, use, testInfo) => {
    await use(testInfo.project.use.javaScriptEnabled !== false);
  },
  loginAs: async ({ db, context, baseURL }, use) => {
    await use(async (role = "STUDENT", overrides = {}) => {
      const user = await db.factories.createUser({ role, ...overrides });
      await signIn(db, context, user.id, baseURL!);
      return user;
    });
  },
  // A second browser (its own cookies, this run's JavaScript setting, the base URL): signed in
  // as `userId`, or signed out with null (a customer with a link). Closed after the test.
  contextAs: async ({ db, browser, baseURL, jsEnabled }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (userId) => {
      const context = await browser.newContext({ javaScriptEnabled: jsEnabled, baseURL });
      contexts.push(context);
      if (userId) await signIn(db, context, userId, baseURL!);
      return context;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/**
 * The recipients' inbox: what the server's send-email job wrote into MAIL_DIR (no SMTP).
 * Delivery is a job, so these wait for the mail to arrive.
 */
export const inbox = {
  async mails(to: string) {
    return readInbox(process.env.E2E_MAIL_DIR!, to);
  },
  /** The path and query of the newest link to `pathname` mailed to `to`. */
  async link(to: string, pathname: string, options: { after?: string | null } = {}) {
    let link: string | null = null;
    await expect
      .poll(async () => {
        link = await linkInInbox(process.env.E2E_MAIL_DIR!, to, pathname);
        return link !== null && link !== options.after;
      }, { message: `a mail to ${to} with a link to ${pathname}`, timeout: 10_000 })
      .toBe(true);
    return link!;
  },
};

/** "js-1a2b3c" / "nojs-1a2b3c": unique per run and per project (both run at once on one database). */
export const runId = (jsEnabled: boolean) => `${jsEnabled ? "js" : "nojs"}-${randomBytes(3).toString("hex")}`;

/** The flash message shown after a redirect. */
export function toast(page: Page) {
  return page.locator("[data-toast]");
}
