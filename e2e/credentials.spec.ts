import { expect, type Page, test } from "@playwright/test";
import { overflowsSideways } from "./helpers/checks";
import { createKeyViaApi, uniqueName } from "./helpers/dashboard";
import { login } from "./helpers/login";

/** The credentials listed: table rows on a wide screen, cards on a phone. */
function listed(page: Page, wide: boolean) {
  return wide
    ? page.getByRole("table", { name: "Credentials" }).locator("tbody").getByRole("row")
    : page.getByRole("list", { name: "Credentials" }).getByRole("listitem");
}

/** Picks the member whose option names this address in the page's Member filter. */
async function chooseMember(page: Page, email: string) {
  const select = page.getByRole("search", { name: "Filter the credentials" }).getByLabel("Member");
  const value = await select.locator("option", { hasText: `(${email})` }).getAttribute("value");
  await select.selectOption(value ?? "");
}

for (const { name, viewport, wide } of [
  { name: "wide screen", viewport: { width: 1280, height: 860 }, wide: true },
  { name: "phone", viewport: { width: 390, height: 844 }, wide: false },
]) {
  test.describe(`Settings > Credentials on a ${name}`, () => {
    test.use({ viewport });

    test("the owner filters to their API keys, selects two, sees the count, revokes them, and the keys answer 401", async ({
      page,
      request,
    }) => {
      await login(page, "owner@acme.test");
      const first = await createKeyViaApi(page, uniqueName("Bulk one"), ["read:users"]);
      const second = await createKeyViaApi(page, uniqueName("Bulk two"), ["read:users"]);
      const kept = await createKeyViaApi(page, uniqueName("Bulk kept"), ["read:users"]);
      const bearer = (key: { key: string }) => ({ Authorization: `Bearer ${key.key}` });
      expect((await request.get("/api/v1/users", { headers: bearer(first) })).status()).toBe(200);

      await page.goto("/settings/credentials");
      await expect(page.getByRole("heading", { name: "Credentials", level: 2 })).toBeVisible();
      await chooseMember(page, "owner@acme.test");
      await page
        .getByRole("search", { name: "Filter the credentials" })
        .getByLabel("Type")
        .selectOption({ label: "API key" });
      const rows = listed(page, wide);
      const shown = (key: { id: string }) =>
        page.locator(`[data-credential-id="${key.id}"]`).filter({ visible: true });
      for (const key of [first, second, kept]) await expect(shown(key)).toHaveCount(1);
      // Filtered to keys, the owner's browser session is not listed.
      await expect(rows.filter({ hasText: "Browser session" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^Revoke all of / })).toBeVisible();

      for (const key of [first, second]) await shown(key).getByRole("checkbox").check();
      await page.getByRole("button", { name: "Revoke selected (2 credentials)" }).click();
      const dialog = page.getByRole("alertdialog", { name: "Revoke 2 credentials?" });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText("2 API keys");
      await dialog.getByRole("button", { name: "Revoke 2 credentials" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: "Revoked 2 credentials" }),
      ).toBeVisible();
      await expect(dialog).toHaveCount(0);

      // The list refreshed: the two are gone, the third is still there.
      await expect(page.locator(`[data-credential-id="${first.id}"]`)).toHaveCount(0);
      await expect(page.locator(`[data-credential-id="${second.id}"]`)).toHaveCount(0);
      await expect(shown(kept)).toHaveCount(1);

      // A program holding a revoked key is refused at once; the kept one still works.
      const refused = await request.get("/api/v1/users", { headers: bearer(first) });
      expect(refused.status()).toBe(401);
      expect((await refused.json()).error.details.reason).toBe("revoked");
      expect((await request.get("/api/v1/users", { headers: bearer(kept) })).status()).toBe(200);

      // Nothing sideways on a phone.
      expect(await overflowsSideways(page)).toBe(false);
    });
  });
}

test("a member does not get the page", async ({ page }) => {
  await login(page, "member@acme.test");
  const res = await page.goto("/settings/credentials");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Credentials", level: 2 })).toHaveCount(0);
});
