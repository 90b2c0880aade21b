import { expect, type Page, test } from "@playwright/test";
import { createKeyViaApi, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

/** The figure on an Overview card, which is a link to the card's page. */
async function cardValue(page: Page, label: string): Promise<number> {
  const card = page.getByRole("link", { name: new RegExp(`^${label}`) });
  await expect(card).toBeVisible();
  const text = (await card.textContent()) ?? "";
  const match = text.match(/(\d+)/);
  expect(match, `a number on the ${label} card`).not.toBeNull();
  return Number(match?.[1]);
}

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`Overview on a ${device}`, () => {
    test.use({ viewport });

    test("a member's key count is the keys they can see", async ({ page, browser }) => {
      // Someone else's active key in the same organization, which the member cannot see.
      const ownerContext = await browser.newContext();
      const owner = await ownerContext.newPage();
      await login(owner, "owner@acme.test");
      await createKeyViaApi(owner, uniqueName("Owner's key"), ["read:users"]);
      await ownerContext.close();

      await login(page, "member@acme.test");
      const res = await page.request.get("/api/v1/api-keys?limit=100");
      expect(res.status()).toBe(200);
      const visible = ((await res.json()).data as { status: string }[]).filter(
        (k) => k.status === "active" || k.status === "expiring_soon",
      ).length;
      await page.goto("/dashboard");
      expect(await cardValue(page, "Active API keys")).toBe(visible);
    });

    test("stat cards link to their pages and the first-request guide hides once keys exist", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      await createKeyViaApi(page, uniqueName("Overview key"), ["read:users"]);
      await page.goto("/dashboard");
      await expect(page.getByRole("heading", { name: "Make your first request" })).toHaveCount(0);

      expect(await cardValue(page, "Active API keys")).toBeGreaterThan(0);
      await page.getByRole("link", { name: /^Active API keys/ }).click();
      await page.waitForURL("**/settings/api-keys");
      await page.goto("/dashboard");
      await page.getByRole("link", { name: /^Members/ }).click();
      await page.waitForURL("**/settings/members");
    });
  });
}
