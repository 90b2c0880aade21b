import { expect, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { DEMO_PASSWORD, login, orgSwitcher } from "./helpers/login";

// Invite through the API as an owner, then accept in a second, signed-out browser context.
test("an invited person signs up from the link and lands on the dashboard", async ({
  browser,
  request,
}) => {
  const token = await request.post("/api/v1/auth/token", {
    data: { email: "owner@acme.test", password: DEMO_PASSWORD },
  });
  expect(token.status()).toBe(200);
  const { access_token } = (await token.json()).data;
  const email = `e2e-${Date.now()}@example.test`;
  const invite = await request.post("/api/v1/invitations", {
    headers: { authorization: `Bearer ${access_token}` },
    data: { email, role: "member" },
  });
  expect(invite.status()).toBe(201);
  const { url } = (await invite.json()).data as { url: string };
  const path = new URL(url).pathname;

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Join Acme" })).toBeVisible();
  await page.getByLabel("Your name").fill("Ivy Invitee");
  await page.getByLabel("Password").fill("password1234");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByText(/too common or easy to guess/)).toBeVisible();
  // The name typed is kept after the refusal.
  await expect(page.getByLabel("Your name")).toHaveValue("Ivy Invitee");
  await page.getByLabel("Password").fill("silver kettle orchard 47");
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL("**/dashboard");
  // Their first visit: welcomed, not welcomed back.
  await expect(page.getByRole("heading", { name: "Welcome, Ivy" })).toBeVisible();

  // The link is spent.
  const again = await context.newPage();
  await again.goto(path);
  await expect(again.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  await context.close();
});

test("a wrong setup token shows no form", async ({ page }) => {
  const res = await page.goto("/setup?token=not-the-logged-token");
  expect(res?.status()).toBe(404);
  await expect(page.getByLabel("Organization name")).toHaveCount(0);
});

test("Settings > Account changes the name", async ({ page, request }) => {
  const { email, password } = await newMember(request, { name: "Before Name" });
  await login(page, email, password);
  await page.goto("/settings/account");
  await page.getByLabel("Name", { exact: true }).fill("After Name");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("After Name");
});

test("Settings > Account signs out everywhere, the other browser included", async ({
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
    await page.goto("/settings/account");
    const sessions = page.getByRole("region", { name: "Active sessions" });
    await expect(sessions).toContainText("API keys are separate credentials and keep working");
    await sessions.getByRole("button", { name: "Sign out everywhere…" }).click();
    await page
      .getByRole("alertdialog", { name: "Sign out everywhere?" })
      .getByRole("button", { name: "Sign out everywhere" })
      .click();
    await page.waitForURL(/\/login/);
    await expect(
      page.getByRole("status").filter({ hasText: "API keys keep working" }),
    ).toBeVisible();

    expect((await otherPage.request.get("/api/v1/auth/me")).status()).toBe(401);
    await otherPage.goto("/settings/account");
    await expect(otherPage).toHaveURL(/\/login/);
  } finally {
    await other.close();
  }
});

test("an owner invites from Settings > Members and changes a member's role", async ({
  page,
  request,
}) => {
  await login(page, "owner@acme.test");
  await page.goto("/settings/members");
  const email = `role-${Date.now()}@example.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Invite member" }).click();
  const url = await page.getByTestId("invitation-url").textContent();
  expect(url).toMatch(/\/invite\//);
  await expect(page.getByText(email)).toBeVisible();
  const token = new URL(url ?? "").pathname.split("/invite/")[1];
  const accepted = await request.post("/api/v1/invitations/accept", {
    data: { token, name: "Rolf Role", password: "copper meadow violin 64" },
  });
  expect(accepted.status()).toBe(200);

  await page.reload();
  const row = page.getByRole("listitem").filter({ hasText: "Rolf Role" });
  await expect(row).toContainText("Member · joined");
  await row.getByRole("button", { name: "Change role of Rolf Role" }).click();
  const dialog = page.getByRole("dialog", { name: "Change the role of Rolf Role" });
  await dialog.getByRole("radio", { name: /^Admin/ }).check();
  await dialog.getByRole("button", { name: "Make Admin" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Admin · joined");
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "Rolf Role" })).toContainText(
    "Admin · joined",
  );
});

test("creating a second organization from the switcher switches to it", async ({ page }) => {
  const { email, password } = await newMember(page.request, {
    inviter: "owner@globex.test",
    name: "Orla Org",
  });
  await login(page, email, password);
  await orgSwitcher(page).click();
  await page.getByRole("menuitem", { name: "New organization…" }).click();
  const name = `Side Project ${Date.now()}`;
  await page.getByLabel("Organization name").fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.waitForURL("**/settings/general");
  await expect(orgSwitcher(page)).toHaveAccessibleName(new RegExp(name));
  await orgSwitcher(page).click();
  await expect(page.getByRole("menuitemradio", { name: /Globex/ })).toBeVisible();
});
