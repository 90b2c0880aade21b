import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { expectAccessible, overflowsSideways } from "./helpers/checks";
import { openSettingsPage, sameOrigin, switchOrganization, uniqueName } from "./helpers/dashboard";
import { DEMO_PASSWORD, login, loginThroughForm, orgSwitcher } from "./helpers/login";

// Settings > Connected apps (every user: the apps they authorized) and Settings > Third-party
// access (owners and admins: the organization's policy and every grant), GitHub's "Authorized
// OAuth Apps" and "Third-party application access policy" as the anchors. No grant can be made
// from the browser yet (the authorization server is not merged), so the lists are seen empty.

/** The policy panel of Settings > Third-party access, with its two choices. */
function policyPanel(page: Page) {
  const panel = page.getByRole("region", { name: "Third-party application access policy" });
  return {
    panel,
    any: panel.getByRole("radio", { name: /^Any app/ }),
    ownApps: panel.getByRole("radio", { name: /^Only apps registered by this organization/ }),
    save: panel.getByRole("button", { name: "Save policy" }),
  };
}

/** What GET /organizations says of the organization's policy. */
async function policyOf(page: Page, organizationId: string, name: string) {
  const res = await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}`, {
    headers: sameOrigin(page),
  });
  expect(res.status()).toBe(200);
  const orgs = (await res.json()).data as { id: string; third_party_access: string }[];
  return orgs.find((org) => org.id === organizationId)?.third_party_access;
}

/** An admin of the organization, invited by its owner through the API, with a password. */
async function newAdmin(request: APIRequestContext, organizationId: string) {
  const signedIn = await request.post("/api/v1/auth/token", {
    data: { email: "owner@acme.test", password: DEMO_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  const email = `avery-admin-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const invited = await request.post("/api/v1/invitations", {
    headers: {
      authorization: `Bearer ${(await signedIn.json()).data.access_token}`,
      "X-Organization-ID": organizationId,
    },
    data: { email, role: "admin" },
  });
  expect(invited.status()).toBe(201);
  const token = String((await invited.json()).data.url).split("/invite/")[1];
  const password = "saffron harbour kettle 82";
  const accepted = await request.post("/api/v1/invitations/accept", {
    data: { token, name: "Avery Admin", password },
  });
  expect(accepted.status()).toBe(200);
  return { email, password };
}

test.describe("Connected apps and Third-party access", () => {
  test("Connected apps starts empty; a member has no Third-party access", async ({ page }) => {
    // Globex's owner never authorizes an app in this suite (the consent spec uses Acme's people).
    await login(page, "owner@globex.test");
    await openSettingsPage(page, "Connected apps");
    const nav = page.getByRole("navigation", { name: "Settings" });
    await expect(nav.getByRole("link", { name: "Connected apps" })).toHaveAttribute(
      "aria-current",
      "page",
    );

    const empty = page.getByRole("region", { name: "No connected apps" });
    await expect(empty).toContainText(
      "When you authorize an app through “Sign in with Voltasis” or the consent screen",
    );
    await expect(empty).toContainText("You can revoke an app at any time");
    await expect(page.getByRole("table", { name: "Connected apps" })).toHaveCount(0);
    await expectAccessible(page, "the empty Connected apps");

    // On a phone the page fits the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(empty).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({
      path: test.info().outputPath("connected-apps-empty-phone.png"),
      fullPage: true,
    });

    // A member has Connected apps but not the organization's page: a 404, as the API answers 403.
    await login(page, "member@acme.test");
    await openSettingsPage(page, "Connected apps");
    await expect(nav.getByRole("link", { name: "Third-party access" })).toHaveCount(0);
    await page.goto("/settings/third-party-access");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const all = await page.request.get("/api/v1/oauth-grants?user=all", {
      headers: sameOrigin(page),
    });
    expect(all.status()).toBe(403);
  });

  test("an owner restricts third-party apps and back; an admin sees the policy read-only", async ({
    page,
    browser,
  }) => {
    // A fresh organization, so the policy of Acme, which other tests use, never changes.
    await login(page, "owner@acme.test");
    const orgName = uniqueName("Policy lab for the Northwind Traders integration review");
    const created = await page.request.post("/api/v1/organizations", {
      headers: sameOrigin(page),
      data: { name: orgName },
    });
    expect(created.status()).toBe(201);
    const orgId = (await created.json()).data.id as string;
    await page.reload();
    await switchOrganization(page, orgName);
    await expect(orgSwitcher(page)).toHaveAccessibleName(new RegExp(`^Organization: ${orgName}`));
    await openSettingsPage(page, "Third-party access");

    const { panel, any, ownApps, save } = policyPanel(page);
    await expect(any).toBeChecked();
    await expect(ownApps).not.toBeChecked();
    await expect(panel).toContainText("Grants the policy forbids stop working at once");
    await expect(panel.getByText("Only owners can change this")).toHaveCount(0);
    await expect(save).toBeDisabled();
    const empty = page.getByRole("region", { name: `No app acts in ${orgName}` });
    await expect(empty).toContainText("When a member authorizes a third-party app");
    await expectAccessible(page, "Third-party access");

    // Only this organization's apps: saved, and still so after a reload and through the API.
    await ownApps.check();
    await expect(save).toBeEnabled();
    await save.click();
    await expect(panel.getByRole("status")).toHaveText("Saved. It applies from the next request.");
    await expect(save).toBeDisabled();
    await page.reload();
    await expect(policyPanel(page).ownApps).toBeChecked();
    await expect(policyPanel(page).ownApps).toHaveAccessibleName(/\(current\)$/);
    expect(await policyOf(page, orgId, orgName)).toBe("own_apps");

    // An admin of the organization reads the policy but cannot change it. Invited and signed in
    // from a browser of their own, so nothing the invitation sets reaches the owner's.
    const context = await browser.newContext();
    const admin = await newAdmin(context.request, orgId);
    const adminPage = await context.newPage();
    await loginThroughForm(adminPage, admin.email, admin.password);
    await expect(orgSwitcher(adminPage)).toHaveAccessibleName(
      new RegExp(`^Organization: ${orgName}`),
    );
    await openSettingsPage(adminPage, "Third-party access");
    const adminView = policyPanel(adminPage);
    await expect(adminView.panel.getByRole("note")).toHaveText("Only owners can change this.");
    await expect(adminView.ownApps).toBeChecked();
    await expect(adminView.ownApps).toBeDisabled();
    await expect(adminView.any).toBeDisabled();
    await expect(adminView.save).toHaveCount(0);
    await expectAccessible(adminPage, "Third-party access, read-only");
    // The API refuses the admin the same way.
    const refused = await adminPage.request.patch(`/api/v1/organizations/${orgId}`, {
      headers: sameOrigin(adminPage),
      data: { third_party_access: "any" },
    });
    expect(refused.status()).toBe(403);
    await context.close();

    // Back to any app.
    await policyPanel(page).any.check();
    await policyPanel(page).save.click();
    await expect(policyPanel(page).panel.getByRole("status")).toHaveText(
      "Saved. It applies from the next request.",
    );
    await page.reload();
    await expect(policyPanel(page).any).toBeChecked();
    expect(await policyOf(page, orgId, orgName)).toBe("any");

    // On a phone the page fits the screen, the long organization name wrapping.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(policyPanel(page).panel).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({
      path: test.info().outputPath("third-party-access-phone.png"),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.screenshot({
      path: test.info().outputPath("third-party-access.png"),
      fullPage: true,
    });
  });
});
