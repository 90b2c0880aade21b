import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { openOrgMenu } from "./helpers/dashboard";
import { DEMO_PASSWORD, login, loginThroughForm, orgSwitcher } from "./helpers/login";

/** test-results/screenshots, or under the folder `playwright test --output` names. */
const screenshots = () => path.join(test.info().project.outputDir, "screenshots");

test.describe("signing in", () => {
  test("an owner logs in and lands on the dashboard of their organization", async ({ page }) => {
    await loginThroughForm(page, "owner@acme.test");
    await expect(page).toHaveURL(/\/dashboard$/);
    // "Welcome back" once Olivia has signed in before; the run's fresh database may have made her
    // account moments ago, when this can still be her first session.
    await expect(page.getByRole("heading", { name: /^Welcome( back)?, Olivia$/ })).toBeVisible();
    await expect(orgSwitcher(page)).toHaveAccessibleName("Organization: Acme. Switch organization");
    await expect(page.getByRole("main")).toContainText("Acme");
  });

  test("a wrong password shows an error and stays on the login page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(loginError(page)).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    // The email is kept so the person only retypes the password.
    await expect(page.getByLabel("Email")).toHaveValue("owner@acme.test");
    await expect(page.getByRole("heading", { name: /^Welcome/ })).toHaveCount(0);
  });

  test("an unknown email gets the same error as a wrong password", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@acme.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(loginError(page)).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a signed-out visit to a settings page lands on login, then returns there", async ({
    page,
  }) => {
    await page.goto("/settings/api-keys");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fapi-keys$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

    await page.goto("/settings/general");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fgeneral$/);
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/settings\/general$/);
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  });

  test("the login form ignores a callback to another site", async ({ page }) => {
    await page.goto("/login?callbackUrl=//evil.example/steal");
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/localhost:\d+\/dashboard$/);
  });

  test("a signed-in visit to login follows only a callback on this site", async ({ page }) => {
    await login(page, "owner@acme.test");
    // `/\evil.example` is `//evil.example` to a browser: another host (issue 17, item 5). Were
    // it followed, goto would fail on the name evil.example, which does not resolve.
    for (const hostile of ["/%5Cevil.example", "/%2F%2Fevil.example", "/%09/evil.example"]) {
      await page.goto(`/login?callbackUrl=${hostile}`);
      await expect(page, hostile).toHaveURL(/localhost:\d+\/dashboard$/);
    }
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/settings/api-keys?status=all#k")}`);
    await expect(page).toHaveURL(/localhost:\d+\/settings\/api-keys\?status=all#k$/);
  });
});

test.describe("organization switcher", () => {
  test("a platform admin switches to Globex and it survives a reload", async ({ page }) => {
    await login(page, "admin@voltasis.test");
    await expect(orgSwitcher(page)).toHaveAccessibleName("Organization: Acme. Switch organization");

    const menu = await openOrgMenu(page);
    // The page embeds only the admin's memberships; any other organization is found by name.
    await expect(menu.getByRole("menuitemradio", { name: /^Globex/ })).toHaveCount(0);
    await expect(menu.getByRole("menuitemradio", { name: /^Acme/ })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    const search = page.getByRole("combobox", { name: "Find any organization" });
    await expect(search).toBeFocused();
    await search.fill("glob");
    const found = page.getByRole("listbox", { name: "Organizations found" });
    await expect(found.getByRole("option", { name: /^Globex/ })).toBeVisible();
    await expect(found.getByRole("option", { name: /^Acme/ })).toHaveCount(0);
    await found.getByRole("option", { name: /^Globex/ }).click();

    await expect(orgSwitcher(page)).toHaveAccessibleName(
      "Organization: Globex. Switch organization",
    );
    await expect(page.getByText("Globex", { exact: true }).first()).toBeVisible();

    await page.goto("/settings/general");
    const org = page.getByRole("region", { name: "Organization" });
    await expect(org).toContainText("Globex");
    await expect(org).toContainText(/org_[A-Za-z0-9_-]+/);
    // The members are Globex's, on the one page that lists members.
    await page.goto("/settings/members");
    const members = page.getByRole("region", { name: "Members", exact: true });
    await expect(members.getByText("owner@globex.test", { exact: true })).toBeVisible();
    await expect(members.getByText("owner@acme.test", { exact: true })).toHaveCount(0);

    await page.goto("/settings/general");
    await page.reload();
    await expect(orgSwitcher(page)).toHaveAccessibleName(
      "Organization: Globex. Switch organization",
    );
    await expect(page.getByRole("region", { name: "Organization" })).toContainText("Globex");

    // And back again, so the switch is not one-way.
    const again = await openOrgMenu(page);
    await again.getByRole("menuitemradio", { name: /^Acme/ }).click();
    await expect(orgSwitcher(page)).toHaveAccessibleName("Organization: Acme. Switch organization");
  });

  for (const [email, org] of [
    ["owner@acme.test", "Acme"],
    ["member@acme.test", "Acme"],
    ["owner@globex.test", "Globex"],
  ] as const) {
    test(`${email} is offered only its own organization`, async ({ page }) => {
      await login(page, email);
      const menu = await openOrgMenu(page);
      const items = menu.getByRole("menuitemradio");
      await expect(items).toHaveCount(1);
      await expect(items.first()).toContainText(org);
      await expect(items.first()).toHaveAttribute("aria-checked", "true");
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
    });
  }
});

test("signing out returns to login and the dashboard is closed again", async ({ page }) => {
  // A session of its own: signing out ends it, and the saved one other tests start from lives on.
  await loginThroughForm(page, "member@acme.test");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
});

test("sign out everywhere ends the user's sessions in other browsers too", async ({
  page,
  browser,
}) => {
  // A user of its own: signing out everywhere ends every session of the user it signs out.
  const { email, password } = await newMember(page.request);
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await login(otherPage, email, password);
    await login(page, email, password);

    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out everywhere…" }).click();
    // It asks first, and says what it ends and what it does not.
    const confirm = page.getByRole("alertdialog", { name: "Sign out everywhere?" });
    await expect(confirm).toContainText("API keys are separate credentials and keep working");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    expect((await otherPage.request.get("/api/v1/auth/me")).status()).toBe(200);
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out everywhere…" }).click();
    await confirm.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(
      page.getByRole("status").filter({ hasText: "signed out on every device" }),
    ).toBeVisible();

    // The other browser still holds its cookie, but the server no longer honours it.
    const me = await otherPage.request.get("/api/v1/auth/me");
    expect(me.status()).toBe(401);
    await otherPage.goto("/dashboard");
    await expect(otherPage).toHaveURL(/\/login/);
    await expect(otherPage.getByRole("button", { name: "Sign in" })).toBeVisible();

    // Signing in again works.
    await login(page, email, password);
  } finally {
    await other.close();
  }
});

test("GET /api/v1/health answers 200 with JSON", async ({ request }) => {
  const res = await request.get("/api/v1/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { status: "ok" } });

  // The guide's base URL ends in /v1: the same route answers there too.
  const viaGuidePath = await request.get("/v1/health");
  expect(viaGuidePath.status()).toBe(200);
});

for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(`${device} screenshots`, () => {
    test.use({ viewport });

    test(`login page and dashboard at ${viewport.width}px`, async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: `${screenshots()}/login-${device}.png`, fullPage: true });

      await page.getByLabel("Email").fill("owner@acme.test");
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(loginError(page)).toBeVisible();
      await page.screenshot({ path: `${screenshots()}/login-error-${device}.png`, fullPage: true });

      await login(page, "admin@voltasis.test");
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: `${screenshots()}/dashboard-${device}.png`, fullPage: true });

      await orgSwitcher(page).click();
      await expect(page.getByRole("menu", { name: "Organizations" })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: `${screenshots()}/org-menu-${device}.png` });
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: "Account menu" }).click();
      await expect(page.getByRole("menu", { name: "Account" })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: `${screenshots()}/user-menu-${device}.png` });
      await page.keyboard.press("Escape");

      await page.goto("/settings/general");
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: `${screenshots()}/settings-${device}.png`, fullPage: true });
    });
  });
}

/** Next.js mounts an empty role=alert route announcer too; the form's alert is the one with text. */
function loginError(page: Page) {
  return page.getByRole("alert").filter({ hasText: "Invalid email or password." });
}

/** A page wider than the viewport scrolls sideways on a phone: a layout bug. */
async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
}
