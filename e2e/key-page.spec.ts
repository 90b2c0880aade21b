import { expect, test } from "@playwright/test";
import { createKeyViaApi, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

// A key page that is not the viewer's to see answers HTTP 404, not a 200 page saying so: for a
// key that does not exist, and for another member's key (a member sees only their own).
for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`a key page that is not there, on a ${device}`, () => {
    test.use({ viewport });

    test("answers 404 with a way back, for an unknown key and for another member's key", async ({
      page,
      browser,
    }) => {
      const owner = await browser.newContext();
      const ownerPage = await owner.newPage();
      await login(ownerPage, "owner@acme.test");
      const ownersKey = await createKeyViaApi(ownerPage, uniqueName("Owner only"), ["read:users"]);
      await owner.close();

      await login(page, "member@acme.test");
      for (const id of ["key_doesnotexist0000000000", ownersKey.id]) {
        const response = await page.goto(`/settings/api-keys/${id}`);
        expect(response?.status()).toBe(404);
        await expect(page.getByRole("heading", { name: "This API key is not here" })).toBeVisible();
        await expect(page.getByText(ownersKey.key)).toHaveCount(0);
      }
      await page.getByRole("link", { name: "Back to API keys" }).click();
      await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
    });
  });
}

// After an action on the key page, everything the page shows about the key is fetched again:
// the audit trail lists the revocation at once, with no reload (issue 19).
for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`the key page after a revoke, on a ${device}`, () => {
    test.use({ viewport });

    test("the audit trail shows the revocation without a reload", async ({ page }) => {
      await login(page, "owner@acme.test");
      const name = uniqueName("Fresh trail");
      const key = await createKeyViaApi(page, name, ["read:users"]);
      await page.goto(`/settings/api-keys/${key.id}`);
      const trail = page.getByRole("list", { name: "Audit trail" });
      await expect(trail.getByRole("listitem")).toHaveCount(1);
      await expect(trail).toContainText("Created");
      const wait = page.getByText(/^Which scopes this key uses is judged after 7 days/);
      await expect(wait).toBeVisible();

      await page.getByRole("button", { name: "Revoke key" }).click();
      const confirm = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
      await confirm.getByRole("button", { name: "Revoke key" }).click();
      await expect(confirm).toBeHidden();
      await expect(trail.getByRole("listitem")).toHaveCount(2);
      await expect(trail.getByRole("listitem").first()).toContainText("Revoked");
      // A revoked key has no scopes worth trimming: nothing about them is said.
      await expect(wait).toHaveCount(0);
      await expect(page.getByText("Every scope of this key was used")).toHaveCount(0);
      await page.screenshot({
        path: test.info().outputPath(`key-page-after-revoke-${device}.png`),
        fullPage: true,
      });
    });
  });
}
