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

/** Creates a key through the API as the signed-in user (a same-origin request, like the page's). */
export async function createKeyViaApi(page: Page, name: string, scopes: string[]) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post("/api/v1/api-keys", {
    headers: { Origin: origin, "Content-Type": "application/json" },
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
