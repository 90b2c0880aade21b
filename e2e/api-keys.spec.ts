import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import {
  chooseKeyStatus,
  createKeyViaApi,
  switchOrganization,
  uniqueName,
} from "./helpers/dashboard";
import { login, orgSwitcher } from "./helpers/login";

const SCREENSHOTS = "test-results/screenshots";

async function openApiKeys(page: Page) {
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
}

/** The page's introduction, which names the organization whose keys are listed. */
function intro(page: Page): Locator {
  return page.getByText("Keys let your programs call the Voltasis API");
}

/** The row of a key in the list (the wide-screen table). */
function keyRow(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ hasText: name });
}

async function callMe(request: APIRequestContext, secret: string) {
  return request.get("/api/v1/auth/me", { headers: { Authorization: `Bearer ${secret}` } });
}

/** Fills and submits the create dialog; returns the reveal dialog and the secret it shows. */
async function createKeyViaUi(
  page: Page,
  options: {
    name: string;
    scopes?: string[];
    preset?: "Read-only" | "Full access";
    expiry: string;
  },
) {
  await page.getByRole("button", { name: "Create New API Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create New API Key" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name").fill(options.name);
  if (options.preset) await dialog.getByRole("button", { name: options.preset }).click();
  for (const scope of options.scopes ?? []) {
    await dialog.getByRole("checkbox", { name: scope, exact: true }).check();
  }
  await dialog.getByRole("radio", { name: options.expiry, exact: true }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();

  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal).toBeVisible();
  const secret = await reveal.getByLabel("Secret key").inputValue();
  expect(secret).toMatch(/^vlt_(live|test)_[A-Za-z0-9]+$/);
  return { reveal, secret };
}

/** Closes a reveal dialog whose key was not copied: it must ask first. */
async function closeWithoutCopying(reveal: Locator) {
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal.getByRole("alert")).toContainText("You haven't copied this key");
  await reveal.getByRole("button", { name: "Close without copying" }).click();
  await expect(reveal).toBeHidden();
}

test.describe("Settings > API Keys", () => {
  test("an owner creates a key, copies it once, uses it, and revokes it", async ({
    page,
    request,
  }) => {
    await login(page, "owner@acme.test");
    await openApiKeys(page);
    await expect(intro(page)).toContainText("Acme");

    // The name is required and says so beside the field.
    await page.getByRole("button", { name: "Create New API Key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create New API Key" });
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(dialog.getByText("Give the key a name")).toBeVisible();
    await expect(dialog.getByLabel("Name")).toBeFocused();
    // Escape closes the dialog.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    const name = uniqueName("CI pipeline");
    const { reveal, secret } = await createKeyViaUi(page, {
      name,
      scopes: ["read:users", "write:time-entries"],
      expiry: "30 days",
    });
    await expect(reveal).toContainText("Copy the key now: it won't be shown again");
    const origin = new URL(page.url()).origin;
    await expect(reveal.locator("pre")).toContainText(
      `curl ${origin}/api/v1/auth/me \\\n  -H "Authorization: Bearer ${secret}"`,
    );

    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    const me = await callMe(request, secret);
    expect(me.status()).toBe(200);
    expect((await me.json()).data.email).toBe("owner@acme.test");

    // Copied, so Done closes at once.
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    const row = keyRow(page, name);
    await expect(row).toBeVisible();
    await expect(row).toContainText("Active");
    await expect(row).toContainText("read:users");
    await expect(row).toContainText("write:time-entries");
    await expect(row).toContainText("in 30 days");
    await expect(row).toContainText(`${secret.slice(0, 13)}`);
    await expect(row).toContainText(secret.slice(-4));
    expect(page.url()).not.toContain(secret);

    // Shown once: after closing and reloading, the secret is nowhere on the page.
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await expect(keyRow(page, name)).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // Revoke: the confirmation names the key and the consequence.
    await keyRow(page, name)
      .getByRole("button", { name: `Revoke ${name}` })
      .click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
    await expect(confirm).toContainText("401");
    await expect(confirm).toContainText(name);
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(confirm).toBeHidden();
    // With revoked keys hidden, the row leaves without a reload, and a toast says what happened.
    await expect(keyRow(page, name)).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: `Revoked “${name}”` })).toBeVisible();

    expect((await callMe(request, secret)).status()).toBe(401);

    // Revoked keys are hidden by default, not deleted.
    await page.reload();
    await expect(keyRow(page, name)).toHaveCount(0);
    await chooseKeyStatus(page, "All, including revoked");
    await expect(keyRow(page, name)).toContainText("Revoked");
  });

  test("rotating with “Now” retires the old secret at once", async ({ page, request }) => {
    await login(page, "owner@acme.test");
    await openApiKeys(page);

    const name = uniqueName("Billing sync");
    await page.getByRole("button", { name: "Create New API Key" }).first().click();
    const create = page.getByRole("dialog", { name: "Create New API Key" });
    await create.getByRole("radio", { name: "Never", exact: true }).check();
    await expect(create.getByText("A key that never expires")).toBeVisible();
    await create.getByRole("button", { name: "Cancel" }).click();

    const first = await createKeyViaUi(page, { name, preset: "Read-only", expiry: "Never" });
    await closeWithoutCopying(first.reveal);
    expect((await callMe(request, first.secret)).status()).toBe(200);
    await expect(keyRow(page, name)).toContainText("Never");

    await keyRow(page, name)
      .getByRole("button", { name: `Rotate ${name}` })
      .click();
    const rotate = page.getByRole("dialog", { name: `Rotate “${name}”` });
    await rotate.getByRole("radio", { name: "Now" }).check();
    await rotate.getByRole("button", { name: "Rotate key" }).click();

    const reveal = page.getByRole("dialog", { name: "API key rotated" });
    await expect(reveal).toContainText("Copy the key now: it won't be shown again");
    await expect(reveal).toContainText("The old key has stopped working");
    const secret = await reveal.getByLabel("Secret key").inputValue();
    expect(secret).not.toBe(first.secret);
    await closeWithoutCopying(reveal);

    expect((await callMe(request, first.secret)).status()).toBe(401);
    expect((await callMe(request, secret)).status()).toBe(200);
    // Closing the reveal opens the new key; the list then shows the old key as revoked (once
    // revoked keys are shown) and the new one active, under the same name.
    await expect(page.getByRole("link", { name: "Previous key", exact: true })).toBeVisible();
    await openApiKeys(page);
    await chooseKeyStatus(page, "All, including revoked");
    await expect(keyRow(page, name).filter({ hasText: "Revoked" })).toHaveCount(1);
    await expect(keyRow(page, name).filter({ hasText: "Active" })).toHaveCount(1);
    expect(await page.content()).not.toContain(secret);
  });

  test("a member sees only their own keys and cannot grant scopes beyond the role", async ({
    page,
    browser,
  }) => {
    await login(page, "owner@acme.test");
    const ownerKey = uniqueName("Owner only");
    await createKeyViaApi(page, ownerKey, ["read:users"]);

    const context = await browser.newContext();
    const member = await context.newPage();
    await login(member, "member@acme.test");
    await openApiKeys(member);
    await expect(member.getByText("You see the keys you created")).toBeVisible();
    await expect(member.getByText(ownerKey)).toHaveCount(0);
    // On a fresh database the member has no key yet: keep a picture of the empty state.
    if (await member.getByRole("heading", { name: "No API keys yet" }).isVisible()) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await member.screenshot({ path: `${SCREENSHOTS}/api-keys-empty-1280.png` });
    }

    await member.getByRole("button", { name: "Create New API Key" }).first().click();
    const dialog = member.getByRole("dialog", { name: "Create New API Key" });
    const writeUsers = dialog.getByRole("checkbox", { name: "write:users", exact: true });
    await expect(writeUsers).toBeDisabled();
    await expect(dialog).toContainText("Needs the Admin or Owner role; you are a Member.");
    await writeUsers.click({ force: true });
    await expect(writeUsers).not.toBeChecked();
    // "Full access" stays within the member's role.
    await dialog.getByRole("button", { name: "Full access" }).click();
    await expect(dialog.getByRole("checkbox", { name: "write:time-entries" })).toBeChecked();
    await expect(writeUsers).not.toBeChecked();

    const name = uniqueName("Member script");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create key" }).click();
    const reveal = member.getByRole("dialog", { name: "API key created" });
    await closeWithoutCopying(reveal);
    const row = keyRow(member, name);
    await expect(row).toContainText("write:time-entries");
    await expect(row).not.toContainText("write:users");
    await expect(member.getByText(ownerKey)).toHaveCount(0);
    await context.close();
  });

  test("an admin switching organization sees that organization's keys", async ({
    page,
    browser,
  }) => {
    const globexContext = await browser.newContext();
    const globexOwner = await globexContext.newPage();
    await login(globexOwner, "owner@globex.test");
    const globexKey = uniqueName("Globex export");
    await createKeyViaApi(globexOwner, globexKey, ["read:time-entries"]);
    await globexContext.close();

    await login(page, "admin@voltasis.test");
    const acmeKey = uniqueName("Acme admin");
    await createKeyViaApi(page, acmeKey, ["read:users"]);
    await openApiKeys(page);
    await expect(intro(page)).toContainText("Acme");
    await expect(keyRow(page, acmeKey)).toBeVisible();
    await expect(page.getByText(globexKey)).toHaveCount(0);

    await switchOrganization(page, "Globex");
    await expect(orgSwitcher(page)).toHaveAccessibleName(/^Organization: Globex/);
    await expect(keyRow(page, globexKey)).toBeVisible();
    await expect(page.getByText(acmeKey)).toHaveCount(0);
    // The page itself names the organization, not only the header.
    await expect(intro(page)).toContainText("Globex");
  });

  test("the key detail page renames, revokes and shows the audit trail and usage", async ({
    page,
  }) => {
    await login(page, "owner@acme.test");
    const name = uniqueName("Reporting job");
    await createKeyViaApi(page, name, ["read:time-entries"]);
    await openApiKeys(page);
    await keyRow(page, name).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Usage" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
    const trail = page.getByRole("list", { name: "Audit trail" });
    await expect(trail).toContainText("Created by Olivia Owner");

    // Cancel leaves the name alone; Save renames at once.
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("textbox", { name: "Key name" }).fill("Something else");
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    const renamed = uniqueName("Nightly report");
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("textbox", { name: "Key name" }).fill(renamed);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("heading", { name: renamed, level: 2 })).toBeVisible();
    await expect(trail).toContainText("Renamed");

    await page.getByRole("button", { name: "Revoke key" }).click();
    await page
      .getByRole("alertdialog", { name: `Revoke “${renamed}”?` })
      .getByRole("button", { name: "Revoke key" })
      .click();
    await expect(page.getByText("Revoked", { exact: true }).first()).toBeVisible();
    await expect(trail).toContainText("Revoked by Olivia Owner");
    await expect(page.getByRole("button", { name: "Rotate key" })).toHaveCount(0);

    // After a reload the page still tells the same story, from the server.
    await page.reload();
    await expect(page.getByRole("heading", { name: renamed, level: 2 })).toBeVisible();
    await expect(page.getByRole("list", { name: "Audit trail" })).toContainText("Renamed");
  });

  test("a cross-site POST with the session cookie is refused", async ({ page }) => {
    await login(page, "owner@acme.test");
    const name = uniqueName("Evil");
    const res = await page.request.post("/api/v1/api-keys", {
      headers: {
        Origin: "https://evil.example",
        "Sec-Fetch-Site": "cross-site",
        "Content-Type": "application/json",
      },
      data: { name, scopes: ["read:users"] },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    await openApiKeys(page);
    await expect(page.getByText(name)).toHaveCount(0);
  });

  test("screenshots of the list, the create dialog and the reveal at 1280 and 390 px", async ({
    page,
  }) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await login(page, "owner@acme.test");
    const detailKey = await createKeyViaApi(page, uniqueName("Zapier integration"), [
      "read:users",
      "read:time-entries",
      "write:time-entries",
    ]);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      await openApiKeys(page);
      await page.screenshot({ path: `${SCREENSHOTS}/api-keys-list-${width}.png`, fullPage: true });

      await page.getByRole("button", { name: "Create New API Key" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create New API Key" });
      await dialog.getByLabel("Name").fill(uniqueName("Screenshot"));
      await dialog.getByRole("button", { name: "Read-only" }).click();
      await page.screenshot({ path: `${SCREENSHOTS}/api-keys-create-${width}.png` });
      await dialog.getByRole("button", { name: "Create key" }).click();
      const reveal = page.getByRole("dialog", { name: "API key created" });
      await expect(reveal).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/api-keys-reveal-${width}.png` });
      await closeWithoutCopying(reveal);

      await page.goto(`/settings/api-keys/${detailKey.id}`);
      await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
      await expect(page.getByRole("list", { name: "Audit trail" })).toBeVisible();
      await page.screenshot({
        path: `${SCREENSHOTS}/api-keys-detail-${width}.png`,
        fullPage: true,
      });
    }
  });
});
