import { expect, type Page, test } from "@playwright/test";
import { createKeyViaApi, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

async function openCreateDialog(page: Page) {
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create New API Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create New API Key" });
  await expect(dialog).toBeVisible();
  return dialog;
}

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`small things on a ${device}`, () => {
    test.use({ viewport });

    test("the favicon is served and pages log no console errors", async ({ page }) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      await login(page, "owner@acme.test");
      await page.goto("/dashboard");
      await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
      const icon = await page.request.get("/favicon.ico");
      expect(icon.status()).toBe(200);
      expect(errors).toEqual([]);
    });

    test("an unknown address shows a styled page with a way back", async ({ page }) => {
      await login(page, "owner@acme.test");
      const res = await page.goto("/no-such-page");
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await page.getByRole("link", { name: "Back to the dashboard" }).click();
      await page.waitForURL("**/dashboard");
    });

    test("a skip link jumps past the header to the content", async ({ page }) => {
      await login(page, "owner@acme.test");
      await page.goto("/settings/general");
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      await expect(skip).toBeFocused();
      await expect(skip).toBeVisible();
      await page.keyboard.press("Enter");
      await expect(page.locator("main")).toBeFocused();
    });

    test("Settings > General copies the organization ID", async ({ page }) => {
      await login(page, "owner@acme.test");
      await page.goto("/settings/general");
      const org = page.getByRole("region", { name: "Organization" });
      const id = (await org.getByTestId("organization-id").textContent())?.trim() ?? "";
      expect(id).not.toBe("");
      await org.getByRole("button", { name: "Copy organization ID" }).click();
      await expect(org.getByRole("button", { name: "Copy organization ID" })).toContainText(
        "Copied",
      );
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
    });

    test("“Command copied.” shows by the command, not under the secret", async ({ page }) => {
      await login(page, "owner@acme.test");
      const dialog = await openCreateDialog(page);
      await dialog.getByLabel("Name").fill(uniqueName("Copy placement"));
      await dialog.getByRole("checkbox", { name: "read:users", exact: true }).check();
      await dialog.getByRole("radio", { name: "30 days", exact: true }).check();
      await dialog.getByRole("button", { name: "Create key" }).click();
      const reveal = page.getByRole("dialog", { name: "API key created" });
      const copyCommand = reveal.getByRole("button", { name: "Copy command" });
      await copyCommand.click();
      const status = reveal.getByText("Command copied.", { exact: true });
      await expect(status).toBeVisible();
      const statusBox = await status.boundingBox();
      const secretBox = await reveal.getByLabel("Secret key").boundingBox();
      const tryItBox = await reveal.getByText("Try it", { exact: true }).boundingBox();
      expect(statusBox && secretBox && tryItBox).toBeTruthy();
      // Below the "Try it" heading, i.e. in the command's section, not the secret's.
      expect(statusBox?.y ?? 0).toBeGreaterThan(tryItBox?.y ?? 0);
    });

    test("choosing “Custom date” brings the date field into view", async ({ page }) => {
      await login(page, "owner@acme.test");
      const dialog = await openCreateDialog(page);
      await dialog.getByRole("radio", { name: "Custom date", exact: true }).check();
      await expect(dialog.getByLabel("Expiry date")).toBeInViewport({ ratio: 1 });
    });

    test("the 7-day usage chart's ticks are evenly spaced", async ({ page }) => {
      await login(page, "owner@acme.test");
      const name = uniqueName("Chart ticks");
      const key = await createKeyViaApi(page, name, ["read:users"]);
      for (let i = 0; i < 3; i++) {
        const res = await page.request.get("/api/v1/auth/me", {
          headers: { Authorization: `Bearer ${key.key}` },
        });
        expect(res.status()).toBe(200);
      }
      const ticks = page.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value");
      // Usage is recorded in the background: reload until the calls show up in the chart.
      await expect
        .poll(
          async () => {
            await page.goto(`/settings/api-keys/${key.id}`);
            await page.getByRole("button", { name: "7 days" }).click();
            await page
              .locator(".recharts-xAxis-tick-labels")
              .first()
              .waitFor({ timeout: 3_000 })
              .catch(() => {});
            return ticks.count();
          },
          { timeout: 30_000 },
        )
        .toBeGreaterThan(2);
      const xs = await ticks.evaluateAll((nodes) =>
        nodes.map((n) => Number(n.getAttribute("x"))).sort((a, b) => a - b),
      );
      const gaps = xs.slice(1).map((x, i) => x - (xs[i] as number));
      const first = gaps[0] as number;
      for (const gap of gaps) expect(Math.abs(gap - first)).toBeLessThanOrEqual(1);
    });
  });
}
