import { expect, type Locator, test } from "@playwright/test";
import { chooseKeyStatus, uniqueName } from "./helpers/dashboard";
import { DEMO_PASSWORD } from "./helpers/login";

// Against `npm run dev` (the "dev smoke" project): React StrictMode runs every effect twice, which
// once closed each dialog as it opened (issue 19). Pages compile on their first visit, so the waits
// are generous; nothing here measures time.
const COMPILE = 5 * 60_000;

test.use({ navigationTimeout: COMPILE, actionTimeout: 60_000 });

/** Resolves once React has hydrated this element (its props are attached), so a click reaches it. */
async function hydrated(locator: Locator): Promise<Locator> {
  await expect(locator).toBeVisible({ timeout: COMPILE });
  const props = () =>
    locator.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$")));
  await expect.poll(props, { timeout: COMPILE }).toBe(true);
  return locator;
}

test("under next dev, an owner creates a key through its dialog, copies it and revokes it", async ({
  page,
  request,
}) => {
  test.setTimeout(15 * 60_000);
  // The first start migrates and seeds the embedded database; health answers once that is done.
  expect((await request.get("/api/v1/health", { timeout: COMPILE })).ok()).toBe(true);

  await page.goto("/login");
  const signIn = await hydrated(page.getByRole("button", { name: "Sign in" }));
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await signIn.click();
  await page.waitForURL("**/dashboard");

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  const apiKeys = page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "API Keys" });
  await expect(apiKeys).toBeVisible({ timeout: COMPILE });
  await apiKeys.click();
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible({
    timeout: COMPILE,
  });

  const name = uniqueName("Dev smoke");
  await (await hydrated(page.getByRole("button", { name: "Create New API Key" }).first())).click();
  const create = page.getByRole("dialog", { name: "Create New API Key" });
  await expect(create).toBeVisible();
  await create.getByLabel("Name").fill(name);
  await create.getByRole("checkbox", { name: "read:users", exact: true }).check();
  await create.getByRole("radio", { name: "30 days", exact: true }).check();
  await create.getByRole("button", { name: "Create key" }).click();

  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal).toBeVisible({ timeout: COMPILE });
  const secret = await reveal.getByLabel("Secret key").inputValue();
  expect(secret).toMatch(/^vlt_(live|test)_[A-Za-z0-9]+$/);
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Active", { timeout: COMPILE });
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden({ timeout: COMPILE });
  await expect(page.getByRole("status").filter({ hasText: `Revoked “${name}”` })).toBeVisible();
  await chooseKeyStatus(page, "All, including revoked");
  await expect(row).toContainText("Revoked", { timeout: COMPILE });
});
