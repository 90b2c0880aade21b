import { expect, test } from "@playwright/test";
import { invitation } from "./helpers/accounts";
import { VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

// Every form validates the same way, beside its fields, with no browser bubbles; a refusal from
// the server keeps what was typed (issue 19).
for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`forms on a ${device}`, () => {
    test.use({ viewport });

    test("the login form names what is missing beside each field", async ({ page }) => {
      await page.goto("/login");
      await page.getByRole("button", { name: "Sign in" }).click();
      const email = page.getByLabel("Email");
      await expect(page.getByText("Enter your email")).toBeVisible();
      await expect(page.getByText("Enter your password")).toBeVisible();
      await expect(email).toHaveAttribute("aria-invalid", "true");
      await expect(email).toBeFocused();
      // The form opts out of the browser's own bubbles.
      await expect(page.locator("form").filter({ has: email })).toHaveAttribute("novalidate", "");

      await email.fill("not-an-address");
      await expect(page.getByText("Enter your email")).toBeHidden();
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Enter an email address, like name@example.com")).toBeVisible();
      await expect(page).toHaveURL(/\/login/);
    });

    test("a refused invitation keeps the name that was typed", async ({ page }) => {
      const { token } = await invitation(page.request, { name: "Kept Name" });
      await page.goto(`/invite/${token}`);
      await page.getByLabel("Your name").fill("Kept Name");
      // Long enough for the form, too common for the server.
      await page.getByLabel("Password").fill("password1234");
      await page.getByRole("button", { name: "Join" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /password/i })).toBeVisible();
      await expect(page.getByLabel("Your name")).toHaveValue("Kept Name");
    });

    test("the account and new-organization forms validate inline", async ({ page }) => {
      await login(page, "member@acme.test");
      await page.goto("/settings/account");
      const name = page.getByLabel("Name", { exact: true });
      await name.fill("   ");
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(page.getByText("Enter a name")).toBeVisible();
      await expect(name).toBeFocused();
      await name.fill("x".repeat(101));
      await expect(page.getByText("Enter a name")).toBeHidden();
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(page.getByText("Use up to 100 characters (now 101)")).toBeVisible();
      // Typed in full: no silent cut before the message.
      await expect(name).toHaveValue("x".repeat(101));

      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Enter your current password")).toBeVisible();
      await expect(page.getByText("Enter a new password")).toBeVisible();
      await page.getByLabel("New password").fill("short");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Use at least 12 characters")).toBeVisible();

      await page.goto("/settings/organizations");
      await page.getByRole("button", { name: "Create organization" }).click();
      await expect(page.getByText("Enter the organization's name")).toBeVisible();
      await expect(page.getByLabel("Organization name")).toBeFocused();
    });
  });
}
