import { expect, test } from "@playwright/test";
import {
  createKeyViaApi,
  openOrgMenu,
  switchOrganization,
  uniqueName,
  VIEWPORTS,
} from "./helpers/dashboard";
import { login, orgSwitcher } from "./helpers/login";

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`a platform admin in a foreign organization on a ${device}`, () => {
    test.use({ viewport });

    test("sees a banner on every page, keeps the switcher label, cannot rotate, and exits", async ({
      page,
      browser,
    }) => {
      const globex = await browser.newContext();
      const globexOwner = await globex.newPage();
      await login(globexOwner, "owner@globex.test");
      const globexKeyName = uniqueName("Globex billing");
      const globexKey = await createKeyViaApi(globexOwner, globexKeyName, ["read:users"]);
      await globex.close();

      await login(page, "admin@voltasis.test");
      const banner = page.getByRole("region", { name: "Platform admin" });
      // In its own organization the admin sees no banner.
      await expect(banner).toHaveCount(0);
      await switchOrganization(page, "Globex");
      await expect(orgSwitcher(page)).toHaveAccessibleName(/^Organization: Globex/);

      for (const path of ["/dashboard", "/settings/general", "/settings/api-keys", "/docs/api"]) {
        await page.goto(path);
        await expect(banner).toContainText("Viewing Globex as platform admin");
      }

      // The switcher still says how the admin is in Globex once it is current.
      const menu = await openOrgMenu(page);
      await expect(menu.getByRole("menuitemradio", { name: /^Globex/ })).toContainText(
        "Platform admin",
      );
      await page.keyboard.press("Escape");

      // Keys belong to members: the API refuses a rotation by a non-member, so the page says why.
      await page.goto(`/settings/api-keys/${globexKey.id}`);
      await expect(page.getByRole("heading", { name: globexKeyName, level: 2 })).toBeVisible();
      const rotate = page.getByRole("button", { name: "Rotate key" });
      await expect(rotate).toBeDisabled();
      await expect(rotate).toHaveAccessibleDescription(/Only members of Globex can rotate/);
      await page.screenshot({ path: test.info().outputPath("platform-admin-banner.png") });

      await banner.getByRole("button", { name: "Exit" }).click();
      await expect(orgSwitcher(page)).toHaveAccessibleName(/^Organization: Acme/);
      await expect(banner).toHaveCount(0);
    });

    test("switching organization on a key's page goes to the keys list", async ({ page }) => {
      await login(page, "admin@voltasis.test");
      const name = uniqueName("Acme sync");
      const key = await createKeyViaApi(page, name, ["read:users"]);
      await page.goto(`/settings/api-keys/${key.id}`);
      await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();

      await switchOrganization(page, "Globex");
      await page.waitForURL("**/settings/api-keys");
      await expect(orgSwitcher(page)).toHaveAccessibleName(/^Organization: Globex/);
      await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
      await expect(page.getByText("This API key is not here")).toHaveCount(0);
    });
  });
}

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`a platform admin creating a key on a ${device}`, () => {
    test.use({ viewport });

    test("is warned when admin:organizations is ticked, and the warning goes when it is not", async ({
      page,
    }) => {
      await login(page, "admin@voltasis.test");
      await page.goto("/settings/api-keys");
      await page.getByRole("button", { name: "Create New API Key" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create New API Key" });
      const warning = dialog
        .getByRole("status")
        .filter({ hasText: "admin:organizations reaches past this organization" });
      const scope = dialog.getByRole("checkbox", { name: "admin:organizations", exact: true });
      await expect(scope).toBeEnabled();
      // What write:users allows, said in full.
      await expect(dialog).toContainText(
        "Invite people, change members' roles and remove members.",
      );
      await expect(warning).toHaveCount(0);
      await scope.check();
      await expect(warning).toBeVisible();
      await expect(warning).toContainText("acts in any organization");
      await scope.uncheck();
      await expect(warning).toHaveCount(0);
      // "Full access" takes every scope the admin may grant, this one included: warned too.
      await dialog.getByRole("button", { name: "Full access" }).click();
      await expect(warning).toBeVisible();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
    });
  });
}
