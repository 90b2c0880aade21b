import { expect, type Page } from "@playwright/test";

/** The two widths every dashboard journey is walked at: a laptop and a phone. */
export const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 860 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

/** A name no other test (or earlier run on the same database) uses. */
export function uniqueName(label: string): string {
  return `${label} ${Math.random().toString(36).slice(2, 8)}`;
}

/** What the dashboard's own mutations send: same origin, JSON. */
export function sameOrigin(page: Page) {
  return { Origin: new URL(page.url()).origin, "Content-Type": "application/json" };
}

/** Creates a key through the API as the signed-in user (a same-origin request, like the page's). */
export async function createKeyViaApi(page: Page, name: string, scopes: string[]) {
  const res = await page.request.post("/api/v1/api-keys", {
    headers: sameOrigin(page),
    data: { name, scopes },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).data as { id: string; key: string };
}

/** The header's organization menu, opened. */
export async function openOrgMenu(page: Page) {
  await page.getByRole("button", { name: /^Organization: .*\. Switch organization$/ }).click();
  return page.getByRole("menu", { name: "Organizations" });
}

/**
 * Switches organization from the header as a person would: a member picks it from the menu; a
 * platform admin, whose switcher embeds only their memberships, finds any other one by name.
 */
export async function switchOrganization(page: Page, name: string) {
  const menu = await openOrgMenu(page);
  const search = page.getByRole("combobox", { name: "Find any organization" });
  const member = menu.getByRole("menuitemradio", { name: new RegExp(`^${name}`) });
  if ((await search.count()) === 0 || (await member.count()) > 0) {
    await member.click();
    return;
  }
  await search.fill(name);
  await page
    .getByRole("listbox", { name: "Organizations found" })
    .getByRole("option", { name: new RegExp(`^${name}`) })
    .first()
    .click();
}

/**
 * The keys list's Status filter. On a phone the filters beyond the search fold behind one
 * "Filters" button: it is opened first when it is there.
 */
export async function chooseKeyStatus(page: Page, label: string) {
  const filters = page.getByRole("search", { name: "Filter API keys" });
  const toggle = filters.getByRole("button", { name: /^Filters/ });
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) === "false") {
    await toggle.click();
  }
  await filters.getByLabel("Status").selectOption({ label });
}

/** A settings page, reached from the settings navigation as a person would. */
export async function openSettingsPage(page: Page, link: string) {
  await page.goto("/settings/general");
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: link })
    .click();
  await expect(page.getByRole("heading", { name: link, exact: true, level: 2 })).toBeVisible();
}
