import { describe, expect, it } from "vitest";
import { accountDomain, calendarDay, CUSTOMER_WRITABLE, EDITABLE, email, endNotBeforeStart, LIMITS, POC_FIELDS, ROW_FIELDS } from "./fields.ts";

const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("the POC's field rules", () => {
  it("holds each text at its one limit", () => {
    expect(ROW_FIELDS.milestone.title.safeParse("x".repeat(LIMITS.title)).success).toBe(true);
    expect(message(ROW_FIELDS.task.title.safeParse("x".repeat(LIMITS.title + 1)))).toBe(`Use at most ${LIMITS.title} characters for the title`);
    expect(message(ROW_FIELDS.member.name.safeParse("  "))).toBe("Enter a name");
    expect(POC_FIELDS.customerName.safeParse("x".repeat(LIMITS.customerName)).success).toBe(true);
  });

  it("reads a calendar day, an empty day, a domain and an email the same for forms and JSON", () => {
    expect(calendarDay.safeParse("2030-02-30").success).toBe(false);
    expect(ROW_FIELDS.milestone.dueDate.parse("")).toBeNull();
    expect(ROW_FIELDS.milestone.dueDate.parse(null)).toBeNull();
    expect(ROW_FIELDS.milestone.dueDate.parse(" 2030-02-28 ")).toEqual(new Date("2030-02-28T00:00:00Z"));
    expect(accountDomain.parse("https://WWW.Acme.com/path?x")).toBe("www.acme.com");
    expect(accountDomain.safeParse("acme").success).toBe(false);
    expect(email.parse("")).toBe("");
    expect(email.safeParse("ada-at-acme").success).toBe(false);
    expect(endNotBeforeStart({ startDate: "2030-02-01", endDate: new Date("2030-01-31T00:00:00Z") })).toBe(false);
  });

  it("takes a customer logo as an https address or nothing", () => {
    expect(POC_FIELDS.customerLogoUrl.parse(" https://cdn.acme.com/logo.svg ")).toBe("https://cdn.acme.com/logo.svg");
    expect(POC_FIELDS.customerLogoUrl.parse("")).toBe("");
    const refused = "Use an https:// address of an image (https://acme.com/logo.svg), or leave it empty";
    for (const bad of ["http://acme.com/logo.png", "/media/logo.png", "data:image/png;base64,AAAA", "javascript:alert(1)", "https://user:pw@acme.com/l.png", "https://acme.com/a b.png", "//acme.com/l.png"]) {
      expect(message(POC_FIELDS.customerLogoUrl.safeParse(bad)), bad).toBe(refused);
    }
    expect(message(POC_FIELDS.customerLogoUrl.safeParse(`https://acme.com/${"x".repeat(LIMITS.customerLogoUrl)}`))).toBe(`Use at most ${LIMITS.customerLogoUrl} characters for the logo address`);
  });

  it("lets the customer write only fields staff may write too", () => {
    for (const [kind, fields] of Object.entries(CUSTOMER_WRITABLE)) for (const field of fields) expect(EDITABLE[kind as keyof typeof EDITABLE]).toContain(field);
  });
});
