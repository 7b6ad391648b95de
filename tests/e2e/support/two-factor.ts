/** Two-factor steps in the browser: the tests compute codes with otplib from the key the page shows. */
import { generate } from "otplib";
import { expect, type Page } from "@playwright/test";

/** The code of the time step `steps` away from now (the server accepts one step either side; each step works once). */
export function totpCode(secret: string, steps = 0) {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

export async function shownSecret(page: Page) {
  return ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
}

/** On the enrolment form (sign-in step or account page): enter a code, read the recovery codes. */
export async function enrol(page: Page, submit = "Turn on and continue") {
  const secret = await shownSecret(page);
  await page.getByLabel("6-digit code from the app").fill(await totpCode(secret));
  await page.getByRole("button", { name: submit }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

export async function passwordStep(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}
