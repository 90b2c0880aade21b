import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

// Settings > Account lists the account's browser sessions and revokes one. A user of its own per
// test: revoking and signing out end sessions that no other test may rely on.

// The second browser says it is a phone, so the two rows tell apart by their device.
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect.soft(serious, `axe on ${what}`).toEqual([]);
}

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`active sessions on a ${device}`, () => {
    test.use({ viewport });

    test("lists both browsers, marks this one, and revokes the other", async ({
      page,
      browser,
    }) => {
      const { email, password } = await newMember(page.request, { name: "Sasha Sessions" });
      const other = await browser.newContext({ viewport, userAgent: ANDROID_CHROME });
      try {
        const otherPage = await other.newPage();
        await login(otherPage, email, password);
        await login(page, email, password);
        await page.goto("/settings/account");

        const region = page.getByRole("region", { name: "Active sessions" });
        await expect(region).toContainText("API keys are separate credentials and keep working");
        const rows = region.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
        await expect(rows).toHaveCount(2);
        const current = rows.filter({ hasText: "This session" });
        const elsewhere = rows.filter({ hasNotText: "This session" });
        await expect(current).toHaveCount(1);
        // Playwright's Chromium (its device profile names the system), from the loopback address.
        await expect(current).toContainText(/Chrome on (Windows|Linux|macOS)/);
        await expect(elsewhere).toContainText("Chrome on Android");
        for (const row of [current, elsewhere]) {
          await expect(row).toContainText(/Address\s*(127\.0\.0\.1|::1)/);
          await expect(row).toContainText(/Signed in\s*\w{3} \d{1,2}, \d{4}.*\(.+\)/);
          await expect(row).toContainText("Last seen");
        }
        // This session signs out; only the other one can be revoked.
        await expect(current.getByRole("button", { name: "Sign out" })).toBeVisible();
        await expect(current.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
        await expectNoSeriousViolations(page, `the account page (${device})`);

        await elsewhere.getByRole("button", { name: /^Revoke Chrome on Android/ }).click();
        const confirm = page.getByRole("alertdialog", {
          name: "Revoke the session of Chrome on Android?",
        });
        await expect(confirm).toContainText("is signed out at its next request");
        await expect(confirm).toContainText("This browser stays signed in");
        await expect(confirm).toContainText("API keys are separate credentials and keep working");
        await expectNoSeriousViolations(page, `the revoke dialog (${device})`);
        // Cancelling ends nothing.
        await confirm.getByRole("button", { name: "Cancel" }).click();
        await expect(confirm).toBeHidden();
        await expect(rows).toHaveCount(2);

        await elsewhere.getByRole("button", { name: /^Revoke Chrome on Android/ }).click();
        await confirm.getByRole("button", { name: "Revoke session" }).click();
        await expect(confirm).toBeHidden();
        await expect(rows).toHaveCount(1);
        await expect(rows.first()).toContainText("This session");
        await expect(region).toContainText("No other browser or device is signed in");

        // The other browser still holds its cookie; its next navigation lands on the login page.
        await otherPage.goto("/settings/account");
        await expect(otherPage).toHaveURL(/\/login\?reason=ended/);
        await expect(otherPage.getByRole("button", { name: "Sign in" })).toBeVisible();
        // It is told why, rather than greeted like a stranger.
        await expect(otherPage.getByRole("status")).toContainText(
          "Your session has ended: it expired, or was signed out from another browser.",
        );

        // This one is untouched.
        await page.reload();
        await expect(rows).toHaveCount(1);
        await expect(rows.first()).toContainText("This session");
      } finally {
        await other.close();
      }
    });

    test("this session's Sign out ends it and leaves the list", async ({ page, browser }) => {
      const { email, password } = await newMember(page.request, { name: "Otto Onesession" });
      const other = await browser.newContext({ viewport });
      try {
        const otherPage = await other.newPage();
        await login(otherPage, email, password);
        await login(page, email, password);
        await page.goto("/settings/account");
        const rows = page.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
        await expect(rows).toHaveCount(2);
        await rows
          .filter({ hasText: "This session" })
          .getByRole("button", { name: "Sign out" })
          .click();
        await expect(page).toHaveURL(/\/login/);

        // The other browser sees only itself now.
        await otherPage.goto("/settings/account");
        const left = otherPage.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
        await expect(left).toHaveCount(1);
        await expect(left.first()).toContainText("This session");
      } finally {
        await other.close();
      }
    });
  });
}
