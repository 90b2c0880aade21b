import { expect, type Page } from "@playwright/test";

/** Every demo user (db/seed.ts) has this password. */
export const DEMO_PASSWORD = "voltasis-demo";

/**
 * Signs in through the login form as a person would and waits for the dashboard.
 * Pass `password` to log in as a user you created yourself.
 */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByRole("heading", { name: /^Welcome back/ })).toBeVisible();
}

/** The header's organization switcher button, whose accessible name carries the current org. */
export function orgSwitcher(page: Page) {
  return page.getByRole("button", { name: /^Organization: .*\. Switch organization$/ });
}
