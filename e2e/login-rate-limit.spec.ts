import { type APIRequestContext, expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers/login";

/** Sends unauthenticated requests until the address is limited; returns Retry-After seconds. */
async function exhaustBudget(request: APIRequestContext): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const res = await request.get("/api/v1/auth/me");
    if (res.status() === 429) return Number(res.headers()["retry-after"]);
  }
  throw new Error("no 429 after 300 unauthenticated requests");
}

/**
 * Ten failed sign-ins lock the account (any address, 15 minutes). An unknown email locks the
 * same way, which also keeps the demo accounts usable; it runs before the flood below spends
 * this address's budget.
 */
test("after ten failed sign-ins the form says the account is locked", async ({ page }) => {
  const email = `nobody-${Date.now()}@example.test`;
  for (let i = 0; i < 10; i++) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Invalid email or password." }),
    ).toBeVisible();
  }
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Too many failed sign-ins for this account" }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

/**
 * Password guessing through the login form shares the per-address budget of unauthenticated
 * API calls. This spends the test machine's budget for up to a minute, so playwright.config.ts
 * runs it after every other test.
 */
test("a flood from one address blocks sign-in attempts from it", async ({ page, request }) => {
  let retryAfter = await exhaustBudget(request);
  // Too close to the window's end to sign in before it resets: spend the next window instead.
  if (retryAfter < 10) {
    await page.waitForTimeout((retryAfter + 1) * 1000);
    retryAfter = await exhaustBudget(request);
  }
  expect(retryAfter).toBeGreaterThan(0);

  await page.goto("/login");
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    // Every server action's door (withAction) refuses a spent address before any other work.
    page
      .getByRole("alert")
      .filter({ hasText: /^Too many attempts\. Try again in \d+ minutes?\.$/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
