import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, overflowsSideways } from "./helpers/checks";
import { openSettingsPage, sameOrigin, switchOrganization, uniqueName } from "./helpers/dashboard";
import { login, orgSwitcher } from "./helpers/login";

/** The row of an app in the list (the wide-screen table). */
function appRow(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ hasText: name });
}

/** The client secrets listed on an app's page. */
function secretItems(page: Page): Locator {
  return page.getByRole("list", { name: "Client secrets" }).getByRole("listitem");
}

test.describe("Settings > OAuth apps", () => {
  test("an owner registers a confidential app, rotates its secrets, edits it and deletes it", async ({
    page,
  }) => {
    await login(page, "owner@acme.test");
    await openSettingsPage(page, "OAuth apps");
    await expect(page.getByText("Third-party apps that people of")).toContainText("Acme");

    // Every missing field is named beside it, and the first one takes focus.
    await page.getByRole("button", { name: "Register app" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Register an OAuth app" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Register app" }).click();
    await expect(dialog.getByText("Give the app a name")).toBeVisible();
    await expect(dialog.getByText("Add at least one redirect URI")).toBeVisible();
    await expect(dialog.getByLabel("Application name")).toBeFocused();
    await expectAccessible(page, "the register dialog");

    // A long name wraps rather than widening the page.
    const name = uniqueName("Timesheet Sync for the Northwind Traders accounting integration");
    await dialog.getByLabel("Application name").fill(name);
    await dialog.getByLabel("Homepage URL (optional)").fill("https://sync.example.com");
    await dialog
      .getByRole("textbox", { name: "Redirect URI 1", exact: true })
      .fill("http://sync.example.com/oauth/callback");
    await dialog.getByRole("button", { name: "Add redirect URI" }).click();
    await expect(
      dialog.getByRole("textbox", { name: "Redirect URI 2", exact: true }),
    ).toBeFocused();
    await dialog
      .getByRole("textbox", { name: "Redirect URI 2", exact: true })
      .fill("http://127.0.0.1/callback");
    await dialog.getByRole("radio", { name: "Public" }).check();
    await expect(dialog.getByText("PKCE only")).toBeVisible();
    await dialog.getByRole("radio", { name: "Confidential" }).check();
    await dialog.getByRole("button", { name: "Register app" }).click();
    // Plain http is for loopback only: said under the URI at fault, which takes focus.
    await expect(dialog.getByText("Http redirect URIs are allowed on loopback only")).toBeVisible();
    await expect(
      dialog.getByRole("textbox", { name: "Redirect URI 1", exact: true }),
    ).toBeFocused();
    await dialog
      .getByRole("textbox", { name: "Redirect URI 1", exact: true })
      .fill("https://sync.example.com/oauth/callback");
    await dialog.getByRole("button", { name: "Register app" }).click();

    // The secret is shown once, with the client ID, and the dialog insists on it being copied.
    const reveal = page.getByRole("dialog", { name: "OAuth app registered" });
    await expect(reveal).toBeVisible();
    await expect(reveal).toContainText("Copy the client secret now: you won't see it again");
    const secret = await reveal.getByRole("textbox", { name: "Client secret" }).inputValue();
    expect(secret).toMatch(/^vlt_cs_[A-Za-z0-9]+$/);
    await expectAccessible(page, "the client secret reveal");
    const clientId = (await reveal.locator("code").first().textContent()) ?? "";
    expect(clientId).toMatch(/^app_/);
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal.getByRole("alert")).toContainText("You haven't copied this client secret");
    await reveal.getByRole("button", { name: "Go back" }).click();
    await reveal.getByRole("button", { name: "Copy client secret" }).click();
    await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await reveal.getByRole("button", { name: `Copy the client ID of ${name}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    // The list shows the app, its type, client ID, first redirect URI and one secret of two.
    const row = appRow(page, name);
    await expect(row).toBeVisible();
    await expect(row).toContainText("Confidential");
    await expect(row).toContainText(clientId);
    await expect(row).toContainText("https://sync.example.com/oauth/callback");
    await expect(row).toContainText("and 1 more");
    await expect(row).toContainText("1 of 2");
    await expect(row.getByRole("link", { name })).toBeFocused();
    // Shown once: after closing and reloading, the secret is nowhere on the page.
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await expect(appRow(page, name)).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    await expectAccessible(page, "the list");
    await page.screenshot({ path: test.info().outputPath("oauth-apps-list.png"), fullPage: true });

    // The app's page: its details, and the secret by its last four characters only.
    await appRow(page, name).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    await expect(page.getByText(clientId).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "https://sync.example.com" })).toBeVisible();
    await expect(secretItems(page)).toHaveCount(1);
    await expect(secretItems(page).first()).toContainText(`vlt_cs_…${secret.slice(-4)}`);
    await expect(secretItems(page).first()).toContainText("Never used");
    await expectAccessible(page, "the app's page");

    // A second secret, for a rotation with no downtime: shown once too.
    const generate = page.getByRole("button", { name: "Generate a new client secret" });
    await generate.click();
    const second = page.getByRole("dialog", { name: "New client secret" });
    await expect(second).toContainText("you won't see it again");
    await expect(second).toContainText("The app's other secret keeps working");
    const secondSecret = await second.getByRole("textbox", { name: "Client secret" }).inputValue();
    expect(secondSecret).toMatch(/^vlt_cs_/);
    expect(secondSecret).not.toBe(secret);
    await second.getByRole("button", { name: "Done" }).click();
    await second.getByRole("button", { name: "Close without copying" }).click();
    await expect(second).toBeHidden();
    await expect(secretItems(page)).toHaveCount(2);

    // A third is refused: the button is off and says why; the API answers 409 all the same.
    await expect(generate).toBeDisabled();
    await expect(page.getByText("An app holds at most 2 client secrets")).toBeVisible();
    const third = await page.request.post(`/api/v1/oauth-apps/${clientId}/secrets`, {
      headers: sameOrigin(page),
    });
    expect(third.status()).toBe(409);
    expect((await third.json()).error.message).toContain("already has 2 client secrets");

    // Deleting the first secret asks first and names what breaks.
    await page
      .getByRole("button", { name: `Delete client secret ending in ${secret.slice(-4)}` })
      .click();
    const confirmSecret = page.getByRole("alertdialog", { name: "Delete this client secret?" });
    await expect(confirmSecret).toContainText("Apps using this secret stop authenticating at once");
    await expect(confirmSecret.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirmSecret.getByRole("button", { name: "Delete secret" }).click();
    await expect(confirmSecret).toBeHidden();
    await expect(
      page.getByRole("status").filter({ hasText: `Deleted the client secret ending in` }),
    ).toBeVisible();
    await expect(secretItems(page)).toHaveCount(1);
    await expect(secretItems(page).first()).toContainText(`vlt_cs_…${secondSecret.slice(-4)}`);
    await expect(generate).toBeEnabled();

    // Editing a redirect URI: saved, and still there after a reload.
    const settings = page.getByRole("region", { name: "Application settings" });
    const save = settings.getByRole("button", { name: "Save changes" });
    await expect(save).toBeDisabled();
    await settings
      .getByRole("textbox", { name: "Redirect URI 1", exact: true })
      .fill("https://sync.example.com/oauth/callback-v2");
    await expect(settings.getByText("A redirect URI you remove is refused")).toBeVisible();
    await save.click();
    await expect(
      page.getByRole("status").filter({ hasText: "Saved the changes to" }),
    ).toBeVisible();
    await expect(save).toBeDisabled();
    await page.reload();
    await expect(
      page
        .getByRole("region", { name: "Application settings" })
        .getByRole("textbox", { name: "Redirect URI 1", exact: true }),
    ).toHaveValue("https://sync.example.com/oauth/callback-v2");

    // On a phone the page fits the screen, the long name wrapping.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: test.info().outputPath("oauth-app-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.screenshot({ path: test.info().outputPath("oauth-app-page.png"), fullPage: true });

    // The danger zone: the name must be typed, and the dialog says every grant and token goes.
    await page.getByRole("button", { name: "Delete app" }).click();
    const confirmApp = page.getByRole("alertdialog", { name: `Delete “${name}”?` });
    await expect(confirmApp).toContainText(
      "Every user's authorization of this app and every token it holds are revoked",
    );
    const deleteApp = confirmApp.getByRole("button", { name: "Delete this app" });
    await expect(deleteApp).toBeDisabled();
    await confirmApp.getByLabel(`Type ${name} to confirm`).fill(name);
    await deleteApp.click();

    await expect(page).toHaveURL(/\/settings\/oauth-apps$/);
    await expect(page.getByRole("status").filter({ hasText: `Deleted “${name}”` })).toBeVisible();
    await expect(appRow(page, name)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { name: "OAuth apps", exact: true })).toBeVisible();
    await expect(appRow(page, name)).toHaveCount(0);
    await page.goto(`/settings/oauth-apps/${clientId}`);
    await expect(page.getByRole("heading", { name: "This OAuth app is not here" })).toBeVisible();
  });

  test("a new organization starts empty; a public app gets a client ID and no secret", async ({
    page,
  }) => {
    await login(page, "owner@acme.test");
    const orgName = uniqueName("Side project");
    const created = await page.request.post("/api/v1/organizations", {
      headers: sameOrigin(page),
      data: { name: orgName },
    });
    expect(created.status()).toBe(201);
    await page.reload();
    await switchOrganization(page, orgName);
    await expect(orgSwitcher(page)).toHaveAccessibleName(new RegExp(`^Organization: ${orgName}`));
    await openSettingsPage(page, "OAuth apps");

    const empty = page.getByRole("region", { name: "No OAuth apps yet" });
    await expect(empty).toContainText(
      "a third-party integration that acts for a user who authorizes it",
    );
    await expect(empty).toContainText("instead of asking them to paste an API key");
    // On a phone, the empty page fits the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: test.info().outputPath("oauth-apps-empty-phone.png") });

    await empty.getByRole("button", { name: "Register app" }).click();
    const dialog = page.getByRole("dialog", { name: "Register an OAuth app" });
    const name = uniqueName("Command-line tool");
    await dialog.getByLabel("Application name").fill(name);
    await dialog
      .getByRole("textbox", { name: "Redirect URI 1", exact: true })
      .fill("http://127.0.0.1/callback");
    await dialog.getByRole("radio", { name: "Public" }).check();
    // A rule only the API checks (a URI's length): its VALIDATION_ERROR lands under that row.
    const tooLong = `https://cli.example.com/${"a".repeat(2000)}`;
    await dialog.getByRole("button", { name: "Add redirect URI" }).click();
    await dialog.getByRole("textbox", { name: "Redirect URI 2", exact: true }).fill(tooLong);
    await dialog.getByRole("button", { name: "Register app" }).click();
    await expect(
      dialog.getByText("Each redirect URI must be at most 2000 characters."),
    ).toBeVisible();
    await expect(
      dialog.getByRole("textbox", { name: "Redirect URI 2", exact: true }),
    ).toBeFocused();
    await page.screenshot({ path: test.info().outputPath("oauth-register-phone.png") });
    await dialog.getByRole("button", { name: "Remove redirect URI 2" }).click();
    await expect(dialog.getByText("Each redirect URI must be at most")).toHaveCount(0);
    await dialog.getByRole("button", { name: "Register app" }).click();

    // No secret to keep: the client ID is all, and Done closes at once.
    const reveal = page.getByRole("dialog", { name: "OAuth app registered" });
    await expect(reveal).toContainText("A public app has no client secret");
    await expect(reveal.getByRole("textbox", { name: "Client secret" })).toHaveCount(0);
    await expect(reveal.getByText(/^app_/)).toBeVisible();
    await page.screenshot({
      path: test.info().outputPath("oauth-public-app-registered-phone.png"),
    });
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
    expect(await overflowsSideways(page)).toBe(false);

    const card = page.getByRole("listitem", { name });
    await expect(card).toContainText("Public");
    await expect(card).toContainText("None (PKCE only)");
    await card.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Generate a new client secret" })).toBeDisabled();
    await expect(page.getByText("A public app has no client secret")).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({
      path: test.info().outputPath("oauth-app-public-phone.png"),
      fullPage: true,
    });
  });

  test("a platform admin visiting reviews apps but registers none", async ({ page }) => {
    await login(page, "admin@voltasis.test");
    await switchOrganization(page, "Globex");
    await expect(orgSwitcher(page)).toHaveAccessibleName(/^Organization: Globex/);
    await openSettingsPage(page, "OAuth apps");
    // Globex is on the free plan: a second note says what its plan leaves read-only.
    await expect(page.getByRole("note").filter({ hasText: "You are visiting" })).toContainText(
      "only its members register or change them",
    );
    await expect(page.getByRole("button", { name: "Register app" })).toHaveCount(0);
  });

  test("a member has no OAuth apps page", async ({ page }) => {
    await login(page, "member@acme.test");
    await page.goto("/settings/general");
    const nav = page.getByRole("navigation", { name: "Settings" });
    await expect(nav.getByRole("link", { name: "API Keys" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "OAuth apps" })).toHaveCount(0);
    await page.goto("/settings/oauth-apps");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
