import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { createKeyViaApi, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

/** What the dashboard's own mutations send: same origin, JSON. */
function sameOrigin(page: Page) {
  return { Origin: new URL(page.url()).origin, "Content-Type": "application/json" };
}

/** The entries shown: table rows on wide screens, cards on a phone. */
function entries(page: Page, wide: boolean): Locator {
  return wide
    ? page.getByRole("table", { name: "Audit log" }).locator("tbody").getByRole("row")
    : page.getByRole("list", { name: "Audit log" }).getByRole("listitem");
}

for (const { name: width, viewport } of VIEWPORTS) {
  test.describe(`audit log at ${width} width`, () => {
    test.use({ viewport });
    const wide = width === "desktop";

    test("an owner filters the log by action and exports the same filter as CSV", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      const kept = uniqueName("Audit kept");
      const gone = uniqueName("Audit revoked");
      await createKeyViaApi(page, kept, ["read:users"]);
      const revoked = await createKeyViaApi(page, gone, ["read:users"]);
      const res = await page.request.delete(`/api/v1/api-keys/${revoked.id}`, {
        headers: sameOrigin(page),
      });
      expect(res.status()).toBe(200);

      await page.goto("/settings/general");
      await page
        .getByRole("navigation", { name: "Settings" })
        .getByRole("link", {
          name: "Audit log",
        })
        .click();
      await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
      // Newest first: the revocation, then the two creations.
      await expect(entries(page, wide).first()).toContainText("API key revoked");
      await expect(entries(page, wide).first()).toContainText(gone);

      await page.getByLabel("Action").selectOption({ label: "API key revoked" });
      await expect(page.getByText("Searching…")).toHaveCount(0);
      const shown = entries(page, wide);
      await expect(shown.filter({ hasText: gone })).toHaveCount(1);
      await expect(shown.filter({ hasText: kept })).toHaveCount(0);
      for (const entry of await shown.all()) {
        await expect(entry).toContainText("API key revoked");
      }
      await page.screenshot({
        path: test.info().outputPath(`audit-log-${width}.png`),
        fullPage: true,
      });

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export CSV" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^audit-log-acme-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync(await download.path(), "utf8");
      const [header, ...rows] = csv.trimEnd().split("\r\n");
      expect(header).toBe(
        "time,action,actor_id,actor_name,actor_email,target_type,target_id,ip,credential,metadata",
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.split(",")[1] === "api_key.revoked")).toBe(true);
      expect(rows.some((row) => row.includes(revoked.id))).toBe(true);
      expect(csv).not.toContain(kept);

      // A key's id narrows the log to what happened to it.
      await page.getByLabel("Action").selectOption({ label: "Any action" });
      await page.getByLabel("Target id").fill(revoked.id);
      await expect(entries(page, wide)).toHaveCount(2);
      await expect(entries(page, wide).nth(1)).toContainText("API key created");

      // The filters live in the URL: a reload, or the link shared, shows the same entries.
      await expect(page).toHaveURL(new RegExp(`[?&]target=${revoked.id}`));
      await page.reload();
      await expect(page.getByLabel("Target id")).toHaveValue(revoked.id);
      await expect(entries(page, wide)).toHaveCount(2);
      const clear = page
        .getByRole("search", { name: "Filter the audit log" })
        .getByRole("button", { name: "Clear filters" });
      await clear.click();
      await expect(page.getByLabel("Target id")).toHaveValue("");
      await expect(page).toHaveURL(/\/settings\/audit-log$/);
      await expect(clear).toHaveCount(0);
      await expect(entries(page, wide).filter({ hasText: kept })).toHaveCount(1);
    });

    test("a member has no audit log page", async ({ page }) => {
      await login(page, "member@acme.test");
      await page.goto("/settings/general");
      const nav = page.getByRole("navigation", { name: "Settings" });
      await expect(nav.getByRole("link", { name: "API Keys" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
      await page.goto("/settings/audit-log");
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await page.screenshot({ path: test.info().outputPath(`audit-log-member-${width}.png`) });
    });
  });
}
