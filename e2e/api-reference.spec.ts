import { expect, test } from "@playwright/test";
import { createKeyViaApi, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`API reference on a ${device}`, () => {
    test.use({ viewport });

    test("renders inline code, copies snippets, shows example responses and fits the screen", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      await page.goto("/docs/api");
      await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
      const main = page.getByRole("main");
      // Markdown-style backticks become <code>, never raw text.
      await expect(main).not.toContainText("`");
      const rotate = page.getByRole("region", { name: "POST /api-keys/{id}/rotate" });
      await expect(rotate.locator("code", { hasText: "grace_seconds" }).first()).toBeVisible();

      const me = page.getByRole("region", { name: "GET /auth/me" });
      await expect(me.getByText("Example response")).toBeVisible();
      await expect(me.getByTestId("example-response")).toContainText('"data"');

      await me.getByRole("button", { name: "Copy curl command" }).click();
      await expect(me.getByRole("button", { name: "Copy curl command" })).toContainText("Copied");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toMatch(/^curl -X GET http:\/\/localhost:\d+\/api\/v1\/auth\/me/);

      // Tables scroll inside their card instead of widening (and clipping) the page.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
    });

    test("the rotate dialog states the API's default grace period", async ({ page }) => {
      await login(page, "owner@acme.test");
      const name = uniqueName("Grace check");
      const key = await createKeyViaApi(page, name, ["read:users"]);
      await page.goto(`/settings/api-keys/${key.id}`);
      await page.getByRole("button", { name: "Rotate key" }).click();
      const dialog = page.getByRole("dialog", { name: /^Rotate/ });
      await expect(dialog).toContainText("Through the API, grace_seconds defaults to 0");
    });
  });
}
