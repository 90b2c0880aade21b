import { expect, test } from "@playwright/test";
import { createKeyViaApi, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { DEMO_PASSWORD, login } from "./helpers/login";

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`an expired session on a ${device}`, () => {
    test.use({ viewport });

    test("keeps the page, says the session expired and signs in back to the same page", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      const name = uniqueName("Session check");
      const key = await createKeyViaApi(page, name, ["read:users"]);
      const path = `/settings/api-keys/${key.id}`;
      await page.goto(path);
      await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
      // Everything the page loads by itself has arrived, so the next request is the one we make.
      await expect(page.getByRole("region", { name: "Usage" })).toContainText("No requests yet");
      await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("Created");

      // The session ends behind the page's back (expiry, sign-out elsewhere): the next request is a 401.
      await page.context().clearCookies();
      await page.getByRole("button", { name: "30 days" }).click();

      const notice = page.getByRole("alertdialog", { name: "Your session has expired" });
      await expect(notice).toBeVisible();
      // The page stays where it was, under the notice; no dead-end Retry.
      await expect(page).toHaveURL(path);
      await expect(page.getByRole("heading", { name, level: 2 })).toBeAttached();
      const again = notice.getByRole("link", { name: "Sign in again" });
      await expect(again).toHaveAttribute(
        "href",
        `/login?callbackUrl=${encodeURIComponent(path)}&reason=expired`,
      );

      await again.click();
      await page.waitForURL(/\/login\?/);
      await expect(page.getByRole("status")).toContainText("Your session has expired");
      await page.getByLabel("Email").fill("owner@acme.test");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`**${path}`);
      await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    });

    test("the login page says why you are there when a page sent you", async ({ page }) => {
      await page.goto("/settings/api-keys");
      await page.waitForURL(/\/login/);
      await expect(page.getByRole("status")).toContainText("Sign in to continue");
    });
  });
}
