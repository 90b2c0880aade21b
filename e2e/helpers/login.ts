import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Every demo user (db/seed.ts) has this password. */
export const DEMO_PASSWORD = "voltasis-demo";

/** The demo accounts the "sign in" project signs in once per run (e2e/sign-in.setup.ts). */
export const DEMO_ACCOUNTS = [
  "owner@acme.test",
  "member@acme.test",
  "owner@globex.test",
  "admin@voltasis.test",
] as const;

/** Where a demo account's signed-in browser state is kept for this run's server. */
export function savedSessionPath(email: string): string {
  return path.join(".data", `e2e-sessions-${process.env.E2E_PORT ?? 3100}`, `${email}.json`);
}

/**
 * Signs in through the login form as a person would and waits for the dashboard.
 * Pass `password` to log in as a user you created yourself.
 */
export async function loginThroughForm(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
}

/**
 * Opens the dashboard signed in as `email`. A demo account reuses the session the "sign in"
 * project made through the form at the start of the run; anyone else signs in through the form.
 */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const saved = password === DEMO_PASSWORD && (DEMO_ACCOUNTS as readonly string[]).includes(email);
  if (!saved) return loginThroughForm(page, email, password);
  const state = JSON.parse(readFileSync(savedSessionPath(email), "utf8"));
  await page.context().addCookies(state.cookies);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
}

/** The header's organization switcher button, whose accessible name carries the current org. */
export function orgSwitcher(page: Page) {
  return page.getByRole("button", { name: /^Organization: .*\. Switch organization$/ });
}
