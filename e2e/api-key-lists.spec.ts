import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { chooseKeyStatus } from "./helpers/dashboard";
import { login, loginThroughForm } from "./helpers/login";

const SCREENSHOTS = "test-results/screenshots";
/** The dashboard asks for 25 keys at a time (components/api-keys/api-key-filters.ts). */
const PAGE_SIZE = 25;
const KEY_COUNT = PAGE_SIZE + 3;

/** Same-origin API calls as the signed-in user, like the page's own. */
function sameOrigin(page: Page) {
  return { Origin: new URL(page.url()).origin, "Content-Type": "application/json" };
}

async function createKeys(page: Page, label: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await page.request.post("/api/v1/api-keys", {
      headers: sameOrigin(page),
      data: { name: `${label} ${String(i).padStart(2, "0")}`, scopes: ["read:users"] },
    });
    expect(res.status()).toBe(201);
    ids.push((await res.json()).data.id);
  }
  return ids;
}

/** Revokes what the test made: revoked keys do not count against the organization's cap. */
async function revokeKeys(page: Page, ids: string[]) {
  for (const id of ids) {
    const res = await page.request.delete(`/api/v1/api-keys/${id}`, { headers: sameOrigin(page) });
    expect(res.status()).toBe(200);
  }
}

/** The names of the keys listed, in order: table rows on wide screens, cards on narrow ones. */
async function listedNames(page: Page, wide: boolean, label: string): Promise<string[]> {
  const items: Locator = wide
    ? page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: label })
    : page.getByRole("list", { name: "API keys" }).getByRole("listitem").filter({ hasText: label });
  const names: string[] = [];
  for (const item of await items.all()) {
    const text = (await item.getByRole("link").first().textContent()) ?? "";
    names.push(text.trim());
  }
  return names;
}

for (const viewport of [
  { width: 1280, height: 860 },
  { width: 390, height: 844 },
]) {
  test(`the keys list filters by name and pages through the results at ${viewport.width}px`, async ({
    page,
  }) => {
    const wide = viewport.width >= 1024;
    await page.setViewportSize(viewport);
    await login(page, "owner@acme.test");
    const label = `Paging ${Math.random().toString(36).slice(2, 8)}`;
    const ids = await createKeys(page, label, KEY_COUNT);
    const expected = Array.from(
      { length: KEY_COUNT },
      (_, i) => `${label} ${String(KEY_COUNT - 1 - i).padStart(2, "0")}`,
    );

    await page.goto("/settings/api-keys");
    await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
    const filters = page.getByRole("search", { name: "Filter API keys" });
    await filters.getByLabel("Search").fill(label);

    // The first page: the newest 25 matching keys, and a way to load the rest.
    await expect(page.getByText(`${PAGE_SIZE} keys shown, more to load`)).toBeVisible();
    await expect.poll(() => listedNames(page, wide, label)).toEqual(expected.slice(0, PAGE_SIZE));
    const more = page.getByRole("button", { name: "Load more keys" });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: `${SCREENSHOTS}/api-keys-paging-${viewport.width}.png`,
      fullPage: true,
    });

    // The second page adds the rest: every key once, newest first, and no more to load.
    await more.click();
    await expect(page.getByText(`${KEY_COUNT} keys`, { exact: true })).toBeVisible();
    await expect(more).toHaveCount(0);
    await expect.poll(() => listedNames(page, wide, label)).toEqual(expected);

    // A narrower search, then a status that none of them has, then back.
    await filters.getByLabel("Search").fill(`${label} 1`);
    await expect(page.getByText("10 keys", { exact: true })).toBeVisible();
    await expect
      .poll(() => listedNames(page, wide, label))
      .toEqual(expected.filter((name) => name.startsWith(`${label} 1`)));
    await chooseKeyStatus(page, "Revoked");
    await expect(page.getByText("No keys match these filters")).toBeVisible();
    await expect(page).toHaveURL(/[?&]status=revoked/);
    await chooseKeyStatus(page, "Active");
    await expect(page.getByText("10 keys", { exact: true })).toBeVisible();
    // One status filter: no separate switch for revoked keys.
    await expect(page.getByRole("switch")).toHaveCount(0);

    // Owners can filter by creator: the member made none of these keys.
    await filters.getByLabel("Created by").selectOption({ label: "Milo Member" });
    await expect(page.getByText("No keys match these filters")).toBeVisible();
    // The filters live in the URL: a reload keeps them.
    await expect(page).toHaveURL(/[?&]createdBy=usr_/);
    await page.reload();
    await expect(filters.getByLabel("Search")).toHaveValue(`${label} 1`);
    if (!wide) {
      // On a phone the other filters are folded; the button counts the ones narrowing the list.
      const toggle = filters.getByRole("button", { name: "Filters (2)" });
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      await expect(filters.getByLabel("Status")).toBeHidden();
      await toggle.click();
    }
    await expect(filters.getByLabel("Status")).toHaveValue("active");
    await expect(page.getByText("No keys match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/settings\/api-keys$/);
    await expect(filters.getByLabel("Search")).toHaveValue("");
    await expect(filters.getByLabel("Status")).toHaveValue("unrevoked");
    await expect(filters.getByLabel("Status")).toHaveText(/All but revoked/);

    await revokeKeys(page, ids);
  });
}

test("a member's list has no creator filter and only their own keys", async ({ page }) => {
  await login(page, "member@acme.test");
  const label = `Member paging ${Math.random().toString(36).slice(2, 8)}`;
  const ids = await createKeys(page, label, 2);
  await page.goto("/settings/api-keys");
  const filters = page.getByRole("search", { name: "Filter API keys" });
  await expect(filters.getByLabel("Search")).toBeVisible();
  await expect(filters.getByLabel("Created by")).toHaveCount(0);
  await filters.getByLabel("Search").fill(label);
  await expect(page.getByText("2 keys", { exact: true })).toBeVisible();
  await revokeKeys(page, ids);
});

test("on a phone the filters fold behind one button and the first key is in view", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "owner@acme.test");
  const label = `Phone fold ${Math.random().toString(36).slice(2, 8)}`;
  const ids = await createKeys(page, label, 1);
  await page.goto("/settings/api-keys");
  const filters = page.getByRole("search", { name: "Filter API keys" });
  const toggle = filters.getByRole("button", { name: "Filters" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(filters.getByLabel("Status")).toBeHidden();
  await expect(filters.getByLabel("Search")).toBeInViewport();
  // The newest key, first in the list, is above the fold.
  const cards = page.getByRole("list", { name: "API keys" }).getByRole("listitem");
  await expect(cards.first()).toContainText(label);
  await expect(cards.first()).toBeInViewport();

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await filters.getByLabel("Status").selectOption({ label: "Expired" });
  await expect(filters.getByRole("button", { name: "Filters (1)" })).toBeVisible();
  await revokeKeys(page, ids);
});

for (const viewport of [
  { width: 1280, height: 860 },
  { width: 390, height: 844 },
]) {
  test(`a list whose keys are all revoked offers to show them at ${viewport.width}px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    // A member of their own sees only their keys: one, revoked.
    const member = await newMember(page.request, { name: "Rhea Revoked" });
    await loginThroughForm(page, member.email, member.password);
    const ids = await createKeys(page, "Only key", 1);
    await revokeKeys(page, ids);
    await page.goto("/settings/api-keys");
    await expect(page.getByText("No active keys")).toBeVisible();
    await page.getByRole("button", { name: "Show revoked keys" }).click();
    await expect(page).toHaveURL(/[?&]status=revoked/);
    await expect(page.getByText("1 key", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Only key 00" }).first()).toBeVisible();
  });
}
