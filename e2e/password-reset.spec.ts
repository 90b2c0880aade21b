import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { login, orgSwitcher } from "./helpers/login";
import { lastLink } from "./helpers/outbox";

/** test-results/screenshots, or under the folder `playwright test --output` names. */
const screenshots = () => path.join(test.info().project.outputDir, "screenshots");

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshots(), `${name}.png`), fullPage: true });
}

for (const viewport of WIDTHS) {
  test(`forgot password, the mailed link, a new password, sign in (${viewport.name}, ${viewport.width} px)`, async ({
    page,
    request,
  }) => {
    // An account made from an invitation link (shown to the inviter, so its address is not
    // verified), with a password the person has forgotten.
    const { email } = await newMember(request, {
      name: "Rita Reset",
      password: "forgotten garden swing 31",
    });

    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("Check your email");
    await expect(page.getByRole("status")).toContainText("30 minutes");
    await shot(page, `password-reset-requested-${viewport.name}`);

    // The link the server "mailed": its outbox folder.
    let link: string | null = null;
    await expect
      .poll(() => {
        link = lastLink(email, "/reset-password");
        return link;
      })
      .not.toBeNull();
    await page.goto(link ?? "");
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expect(page.getByText(`For the account ${email}.`)).toBeVisible();
    // The address was never proven: the page says what setting a password here removes.
    await expect(page.getByText(/never confirmed for this account/)).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("password1234");
    await page.getByLabel("Repeat the new password").fill("password1234");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText(/too common or easy to guess/)).toBeVisible();
    const chosen = "lighthouse pepper violin 64";
    await page.getByLabel("New password", { exact: true }).fill(chosen);
    await page.getByLabel("Repeat the new password").fill(chosen);
    await shot(page, `password-reset-form-${viewport.name}`);
    await page.getByRole("button", { name: "Set new password" }).click();

    await page.waitForURL("**/login?reason=password-reset");
    await expect(page.getByRole("status")).toContainText("Sign in with the new password");
    await shot(page, `password-reset-login-${viewport.name}`);
    await login(page, email, chosen);
    // Proving the address took away what the account had joined before: a fresh organization.
    await expect(orgSwitcher(page)).toHaveAccessibleName(
      "Organization: Personal. Switch organization",
    );

    // The link is spent, and the old password is gone.
    await page.goto(link ?? "");
    await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    const old = await request.post("/api/v1/auth/token", {
      data: { email, password: "forgotten garden swing 31" },
    });
    expect(old.status()).toBe(401);
  });
}
