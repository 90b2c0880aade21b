import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers/login";

/**
 * Password guessing through the login form shares the per-address budget of unauthenticated
 * API calls. The flood comes from 127.0.0.2 (its own socket address, so its own budget): the
 * other tests, all from 127.0.0.1, are not throttled by it.
 */
test("a flood from one address blocks sign-in attempts from it", async ({
  page,
  request,
}, info) => {
  const origin = String(info.project.use.baseURL).replace("localhost", "127.0.0.2");
  let last = 0;
  for (let i = 0; i < 101; i++) {
    last = (await request.get(`${origin}/api/v1/auth/me`)).status();
  }
  expect(last).toBe(429);

  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Too many sign-in attempts" }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
