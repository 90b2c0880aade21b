import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { createKeyViaApi, sameOrigin, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

/** The entries shown: table rows on wide screens, cards on a phone. */
function entries(page: Page, wide: boolean): Locator {
  return wide
    ? page.getByRole("table", { name: "Audit log" }).locator("tbody").getByRole("row")
    : page.getByRole("list", { name: "Audit log" }).getByRole("listitem");
}

/** The action filter's button: "Action" and what it shows (e.g. "Any action", "2 actions"). */
function actionFilter(page: Page): Locator {
  return page
    .getByRole("search", { name: "Filter the audit log" })
    .getByRole("button", { name: /^Action / });
}

/** Ticks exactly these actions in the action filter (by label), then closes it. */
async function chooseActions(page: Page, labels: string[]) {
  await actionFilter(page).click();
  const panel = page.getByRole("search", { name: "Filter the audit log" });
  const any = panel.getByRole("button", { name: "Show any action" });
  if (await any.isEnabled()) await any.click();
  for (const label of labels)
    await panel.getByRole("checkbox", { name: label, exact: true }).check();
  await panel.getByRole("button", { name: "Done" }).click();
  await expect(actionFilter(page)).toHaveAttribute("aria-expanded", "false");
}

/** Renames a key through the API as the signed-in user. */
async function renameKey(page: Page, id: string, name: string) {
  const res = await page.request.patch(`/api/v1/api-keys/${id}`, {
    headers: sameOrigin(page),
    data: { name },
  });
  expect(res.status()).toBe(200);
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

      await chooseActions(page, ["API key revoked"]);
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
      await chooseActions(page, []);
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

    test("several actions at once, kept in the URL through a reload, cleared with the filters", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      const created = uniqueName("Multi created");
      const revokedName = uniqueName("Multi revoked");
      const renamedName = uniqueName("Multi renamed");
      await createKeyViaApi(page, created, ["read:users"]);
      const revoked = await createKeyViaApi(page, revokedName, ["read:users"]);
      const res = await page.request.delete(`/api/v1/api-keys/${revoked.id}`, {
        headers: sameOrigin(page),
      });
      expect(res.status()).toBe(200);
      const renamed = await createKeyViaApi(page, uniqueName("Multi before"), ["read:users"]);
      await renameKey(page, renamed.id, renamedName);

      await page.goto("/settings/audit-log");
      await chooseActions(page, ["API key updated", "API key revoked"]);
      // One order whatever the order ticked: the log's own.
      await expect(page).toHaveURL(/[?&]action=api_key\.revoked,api_key\.updated(&|$)/);
      await expect(actionFilter(page)).toHaveAccessibleName("Action 2 actions");
      await expect(page.getByText("Searching…")).toHaveCount(0);

      const check = async () => {
        const shown = entries(page, wide);
        await expect(shown.filter({ hasText: revoked.id })).toHaveCount(1);
        await expect(shown.filter({ hasText: renamed.id })).toHaveCount(1);
        // Creations are not among them: neither the kept key's nor the renamed one's.
        await expect(shown.filter({ hasText: created })).toHaveCount(0);
        for (const entry of await shown.all()) {
          await expect(entry).toContainText(/API key (revoked|updated)/);
        }
      };
      await check();
      await page.screenshot({
        path: test.info().outputPath(`audit-log-actions-${width}.png`),
        fullPage: true,
      });

      await page.reload();
      await expect(actionFilter(page)).toHaveAccessibleName("Action 2 actions");
      await check();
      await actionFilter(page).click();
      const panel = page.getByRole("search", { name: "Filter the audit log" });
      await expect(panel.getByRole("checkbox", { name: "API key updated" })).toBeChecked();
      await expect(panel.getByRole("checkbox", { name: "API key revoked" })).toBeChecked();
      await expect(panel.getByRole("checkbox", { name: "API key created" })).not.toBeChecked();
      await page.screenshot({
        path: test.info().outputPath(`audit-log-action-panel-${width}.png`),
      });
      // Escape closes the panel and gives focus back to its button.
      await page.keyboard.press("Escape");
      await expect(panel.getByRole("checkbox", { name: "API key updated" })).toHaveCount(0);
      await expect(actionFilter(page)).toBeFocused();

      await panel.getByRole("button", { name: "Clear filters" }).click();
      await expect(page).toHaveURL(/\/settings\/audit-log$/);
      await expect(actionFilter(page)).toHaveAccessibleName("Action Any action");
      await expect(entries(page, wide).filter({ hasText: created })).toHaveCount(1);
    });

    test("an entry opens its detail: before and after, a link to the key, the whole of a long value", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      const before = uniqueName("Detail before");
      // A long name with no space to break at: the detail must still show all of it.
      const after = `${uniqueName("Detail after")}-${"x".repeat(100)}`.slice(0, 100);
      const key = await createKeyViaApi(page, before, ["read:users"]);
      await renameKey(page, key.id, after);

      await page.goto(`/settings/audit-log?target=${key.id}`);
      const shown = entries(page, wide);
      await expect(shown).toHaveCount(2);
      const open = shown.first().getByRole("button", { name: "API key updated" });
      await open.click();

      const dialog = page.getByRole("dialog", { name: "API key updated" });
      await expect(dialog).toBeVisible();
      await expect(page).toHaveURL(/[?&]event=aud_\w+/);
      const changes = dialog.getByRole("table", { name: "What changed" });
      const nameRow = changes.getByRole("row", { name: /^Name/ });
      await expect(nameRow.getByRole("cell").first()).toHaveText(before);
      await expect(nameRow.getByRole("cell").nth(1)).toHaveText(after);
      await expect(dialog).toContainText("owner@acme.test");
      await expect(dialog).toContainText("Dashboard session");
      // The time to the second, with a relative hint.
      await expect(dialog.locator("time").first()).toHaveText(/\d{1,2}:\d{2}:\d{2}/);
      await expect(dialog).toContainText(/just now|minute/);

      // The long value wraps inside the dialog: nothing is cut off or pushed out of view.
      const cell = nameRow.getByRole("cell").nth(1);
      const fits = await cell.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const frame = el.closest("dialog")?.getBoundingClientRect();
        return (
          el.scrollWidth <= el.clientWidth &&
          frame !== undefined &&
          box.left >= frame.left &&
          box.right <= frame.right
        );
      });
      expect(fits).toBe(true);
      const raw = dialog.locator("pre");
      await expect(raw).toContainText(after);
      expect(await raw.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await raw.focus();
      await expect(raw).toBeFocused();
      await page.screenshot({ path: test.info().outputPath(`audit-detail-${width}.png`) });

      // Escape closes it, the URL forgets it, and focus is back on the row's button.
      await page.keyboard.press("Escape");
      await expect(dialog).toHaveCount(0);
      await expect(page).not.toHaveURL(/event=/);
      await expect(open).toBeFocused();

      // Opened by keyboard, kept through a reload (the URL names it), and its link opens the key.
      await page.keyboard.press("Enter");
      await expect(dialog).toBeVisible();
      await page.reload();
      await expect(dialog).toBeVisible();
      await expect(nameRow.getByRole("cell").nth(1)).toHaveText(after);
      await dialog.getByRole("link", { name: "Open the key" }).click();
      await expect(page).toHaveURL(new RegExp(`/settings/api-keys/${key.id}$`));
      await expect(page.getByRole("heading", { name: after, level: 2 })).toBeVisible();

      // A link naming an entry that is not (or no longer) in the log says so.
      await page.goto("/settings/audit-log?event=aud_00000000000000000000");
      const missing = page.getByRole("dialog", { name: "Audit entry" });
      await expect(missing.getByRole("alert")).toContainText("There is no such entry");
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
