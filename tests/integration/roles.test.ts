/** Server-side guards: every area checks the role on the server, whatever the UI shows. */
import { describe, expect, it } from "vitest";
import type { RoleName } from "~/utils/permissions.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { createUser } from "../support/factories.ts";

const AREAS = { instructor: "/instructor", admin: "/admin/users", se: "/staff" } as const;

const EXPECTED: Record<RoleName, Record<keyof typeof AREAS, number>> = {
  STUDENT: { instructor: 403, admin: 403, se: 403 },
  INSTRUCTOR: { instructor: 200, admin: 403, se: 403 },
  SE: { instructor: 403, admin: 403, se: 200 },
  ADMIN: { instructor: 200, admin: 200, se: 200 },
};

describe("role guards", () => {
  for (const [role, expected] of Object.entries(EXPECTED) as [RoleName, Record<keyof typeof AREAS, number>][]) {
    it(`${role.toLowerCase()}: ${Object.entries(expected).map(([a, s]) => `${a} ${s}`).join(", ")}`, async () => {
      const { browser } = await signedInBrowser(role);
      for (const [area, path] of Object.entries(AREAS) as [keyof typeof AREAS, string][]) {
        const response = await browser.get(path);
        expect(response.status, `${role} on ${path}`).toBe(expected[area]);
        if (response.status === 403) expect(visibleText(await response.text())).toContain("You don't have access to this page");
      }
    });
  }

  it("sends guests to login with a way back", async () => {
    for (const path of Object.values(AREAS)) {
      const response = await new Browser().get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("guards the actions too: a student cannot change roles by posting the form", async () => {
    const { browser, user } = await signedInBrowser("STUDENT");
    const response = await browser.post("/admin/users", { userId: user.id, role: "ADMIN" });
    expect(response.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("STUDENT");
  });

  it("pages the admin's user list 25 at a time, keeping the search", async () => {
    const { browser } = await signedInBrowser("ADMIN");
    const tag = `Pagedperson${Date.now()}`;
    for (let i = 0; i < 27; i++) await createUser({ name: `${tag} ${i}` });
    const html = await (await browser.get(`/admin/users?q=${tag}`)).text();
    expect(visibleText(html)).toContain("Page 1 of 2");
    expect(html).toContain(`href="/admin/users?q=${tag}&amp;page=2"`);
    const second = visibleText(await (await browser.get(`/admin/users?q=${tag}&page=2`)).text());
    expect(second).toContain("Page 2 of 2");
    expect(second).toContain("Previous page");
    expect(second).not.toContain("Next page");
  });

  it("lets an admin change a role, with the change visible in the list", async () => {
    const { browser } = await signedInBrowser("ADMIN");
    const target = await createUser({ name: "Future Instructor" });
    const response = await browser.post("/admin/users", { userId: target.id, role: "INSTRUCTOR" });
    expect(response.status).toBe(302);
    const page = await (await browser.follow(response)).text();
    expect(visibleText(page)).toContain("Future Instructor's role is now Instructor");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("INSTRUCTOR");
  });

  it("rejects an unknown role with an error next to the field", async () => {
    const { browser } = await signedInBrowser("ADMIN");
    const target = await createUser();
    // Posted from the search results, as the row's form does (it posts to the page's own address).
    const response = await browser.post(`/admin/users?q=${encodeURIComponent(target.email)}`, { userId: target.id, role: "SUPERUSER" });
    expect(response.status).toBe(400);
    expect(visibleText(await response.text())).toContain("Choose one of the roles");
  });

  it("says so when the user was deleted meanwhile", async () => {
    const { browser } = await signedInBrowser("ADMIN");
    const response = await browser.post("/admin/users", { userId: "no-such-user", role: "INSTRUCTOR" });
    expect(response.status).toBe(404);
    expect(visibleText(await response.text())).toContain("That user no longer exists.");
  });

  it("stops the last admin from demoting themselves", async () => {
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "STUDENT" } });
    const { browser, user } = await signedInBrowser("ADMIN");
    const response = await browser.post(`/admin/users?q=${encodeURIComponent(user.email)}`, { userId: user.id, role: "STUDENT" });
    expect(response.status).toBe(400);
    expect(visibleText(await response.text())).toContain("You are the only admin");
  });

  it("shows a 404 page for unknown URLs", async () => {
    const response = await new Browser().get("/no/such/page");
    expect(response.status).toBe(404);
    expect(visibleText(await response.text())).toContain("We couldn't find that page");
  });
});
