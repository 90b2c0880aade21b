import { expect, type Page, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { createKeyViaApi, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login, loginThroughForm } from "./helpers/login";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The figure on an Overview card, which is a link to the card's page. */
async function cardValue(page: Page, label: string): Promise<number> {
  const card = page.getByRole("link", { name: new RegExp(`^${label}`) });
  await expect(card).toBeVisible();
  const text = (await card.textContent()) ?? "";
  const match = text.match(/(\d+)$/);
  expect(match, `a number on the ${label} card`).not.toBeNull();
  return Number(match?.[1]);
}

const section = (page: Page, name: string) => page.getByRole("region", { name });

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`Overview on a ${device}`, () => {
    test.use({ viewport });

    test("a member's key count is the keys they can see, labelled as theirs", async ({
      page,
      browser,
    }) => {
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
      expect(await cardValue(page, "Your active API keys")).toBe(visible);
      await expect(page.getByRole("link", { name: /^Active API keys in/ })).toHaveCount(0);
      // The audit log is not a member's to read: no section for it.
      await expect(section(page, "Recent activity")).toHaveCount(0);
    });

    test("an owner's cards count the organization and open their pages", async ({ page }) => {
      await login(page, "owner@acme.test");
      await createKeyViaApi(page, uniqueName("Overview key"), ["read:users"]);
      await page.goto("/dashboard");
      await expect(page.getByRole("heading", { name: "Make your first request" })).toHaveCount(0);

      expect(await cardValue(page, "Active API keys in Acme")).toBeGreaterThan(0);
      await page.getByRole("link", { name: /^Active API keys in Acme/ }).click();
      await page.waitForURL("**/settings/api-keys");
      await page.goto("/dashboard");
      expect(await cardValue(page, "Members of Acme")).toBeGreaterThan(1);
      await page.getByRole("link", { name: /^Members of Acme/ }).click();
      await page.waitForURL("**/settings/members");
    });

    test("an owner sees the latest audit entries and a way to the audit log", async ({ page }) => {
      await login(page, "owner@acme.test");
      const name = uniqueName("Audited key");
      await createKeyViaApi(page, name, ["read:users"]);
      await page.goto("/dashboard");
      const activity = section(page, "Recent activity");
      // The newest entry is the key just made; no more than the last five are shown.
      await expect(activity.getByRole("listitem").first()).toContainText("API key created");
      await expect(activity.getByRole("listitem").first()).toContainText(name);
      expect(await activity.getByRole("listitem").count()).toBeLessThanOrEqual(5);
      await activity.getByRole("link", { name: "View the audit log" }).click();
      await page.waitForURL("**/settings/audit-log");
    });

    test("a new member is welcomed, and sees their own requests and expiring key", async ({
      page,
      request,
    }) => {
      const person = await newMember(request, { name: "Nina Newcomer" });
      await loginThroughForm(page, person.email, person.password);
      // Their first session: welcomed, not welcomed back.
      await expect(page.getByRole("heading", { name: "Welcome, Nina", level: 1 })).toBeVisible();
      await expect(page.getByRole("heading", { name: /^Welcome back/ })).toHaveCount(0);

      // No key yet: the empty states point to making one.
      const requests = section(page, "Requests, last 7 days");
      await expect(requests.getByText("No requests in the last 7 days")).toBeVisible();
      await expect(requests.getByRole("link", { name: "Create an API key" })).toBeVisible();
      await expect(
        section(page, "Keys expiring soon").getByText("No key expires in the next 7 days."),
      ).toBeVisible();
      await expect(page.getByRole("heading", { name: "Make your first request" })).toBeVisible();
      expect(await cardValue(page, "Your active API keys")).toBe(0);

      // A key that expires in two days, used three times, with a long name in one word.
      const name = `${uniqueName("Nina's key")}-${"x".repeat(80)}`;
      const expiresAt = new Date(Date.now() + 2 * DAY_MS + 60_000).toISOString();
      const created = await request.post("/api/v1/api-keys", {
        headers: { Authorization: `Bearer ${person.accessToken}` },
        data: { name, scopes: ["read:users"], expires_at: expiresAt },
      });
      expect(created.status()).toBe(201);
      const key = (await created.json()).data as { id: string; key: string };
      for (let i = 0; i < 3; i++) {
        const me = await request.get("/api/v1/auth/me", {
          headers: { Authorization: `Bearer ${key.key}` },
        });
        expect(me.status()).toBe(200);
      }

      // Usage is flushed to the database about once a second, the three calls not necessarily
      // in one flush: reload until all three are there.
      const days = requests.getByRole("list", { name: "Requests per day" });
      await expect(async () => {
        await page.reload();
        await expect(requests.getByText("3 requests", { exact: true })).toBeVisible({
          timeout: 2_000,
        });
      }).toPass({ timeout: 30_000 });
      await expect(days.getByRole("listitem")).toHaveCount(7);
      // Today's bar, the last, says its day and counts to a screen reader.
      const today = new Intl.DateTimeFormat("en", {
        weekday: "long",
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      }).format(new Date());
      await expect(days.getByRole("listitem").last()).toContainText(
        `${today}: 3 requests (3 2xx, 0 4xx, 0 5xx)`,
      );
      expect(await cardValue(page, "Your active API keys")).toBe(1);

      const expiring = section(page, "Keys expiring soon");
      const link = expiring.getByRole("link", { name });
      await expect(link).toBeVisible();
      // The absolute date, with how far off it is.
      await expect(expiring.getByRole("listitem")).toContainText(
        /Expires \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M · in 2 days/,
      );
      await expect(section(page, "Recent activity")).toHaveCount(0);
      // The long name is cut with an ellipsis, never widening the page.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
      await page.screenshot({
        path: test.info().outputPath(`home-${device}.png`),
        fullPage: true,
      });
      await link.click();
      await page.waitForURL(`**/settings/api-keys/${key.id}`);
      await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    });
  });
}
