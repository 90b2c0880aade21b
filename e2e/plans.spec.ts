import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers/checks";
import { openSettingsPage, sameOrigin, switchOrganization, uniqueName } from "./helpers/dashboard";
import { login, orgSwitcher } from "./helpers/login";

test.describe("plans and credential policies", () => {
  test("Globex, on the free plan, sees what it lacks disabled, with the plan that has it", async ({
    page,
  }) => {
    await login(page, "owner@globex.test");
    await page.goto("/settings/general");
    const plan = page.getByRole("region", { name: "Plan" });
    await expect(plan.getByTestId("plan-name")).toHaveText("Free");
    await expect(plan.getByText(/of 10 active keys in use/)).toBeVisible();

    await openSettingsPage(page, "Webhooks");
    await expect(page.getByRole("button", { name: "Add endpoint" }).first()).toBeDisabled();
    await expect(page.getByText("Available on Team").first()).toBeVisible();

    await openSettingsPage(page, "OAuth apps");
    await expect(page.getByRole("button", { name: "Register app" }).first()).toBeDisabled();

    await openSettingsPage(page, "Audit log");
    await expect(page.getByRole("button", { name: "Export CSV" })).toBeDisabled();
    await expect(page.getByText(/plan shows the last 7 days/)).toBeVisible();

    await openSettingsPage(page, "Security");
    await expect(page.getByText("Available on Enterprise")).toBeVisible();
    await expect(page.getByLabel("Require approval of keys members create")).toBeDisabled();
    await expectAccessible(page, "Settings > Security on the free plan");
  });

  test("an owner sets a maximum key lifetime and brings an older key within it in one click", async ({
    page,
  }) => {
    await login(page, "owner@acme.test");
    // An organization of this test's own (new organizations are on enterprise): its policies
    // touch no other test's keys.
    const name = uniqueName("Security Co");
    const made = await page.request.post("/api/v1/organizations", {
      headers: sameOrigin(page),
      data: { name },
    });
    expect(made.status()).toBe(201);
    const organizationId = (await made.json()).data.id as string;
    const inOrg = { ...sameOrigin(page), "X-Organization-ID": organizationId };
    const keyName = uniqueName("Forever key");
    const key = await page.request.post("/api/v1/api-keys", {
      headers: inOrg,
      data: { name: keyName, scopes: ["read:users"] },
    });
    expect(key.status()).toBe(201);

    await page.goto("/dashboard");
    await switchOrganization(page, name);
    await expect(orgSwitcher(page)).toHaveAccessibleName(new RegExp(`^Organization: ${name}`));
    await openSettingsPage(page, "Security");
    const form = page.getByRole("form", { name: "Credential policies" });
    await form.getByLabel("Maximum key lifetime", { exact: true }).check();
    await form.getByLabel("Maximum key lifetime (days)").fill("30");
    await form.getByRole("button", { name: "Save policies" }).click();
    await expect(page.getByText(/^Saved\./)).toBeVisible();

    const beyond = page.getByRole("region", { name: "Keys beyond the maximum lifetime" });
    await expect(beyond.getByRole("link", { name: keyName })).toBeVisible();
    await expect(beyond.getByText("never expires")).toBeVisible();
    await expectAccessible(page, "Settings > Security with a key beyond the lifetime");
    await beyond.getByRole("button", { name: `Set an expiry on ${keyName}` }).click();
    await expect(beyond.getByText(/now expires on/)).toBeVisible();
    await expect(beyond.getByText("Every key in service expires within 30 days.")).toBeVisible();

    // The API holds new keys to it too.
    const never = await page.request.post("/api/v1/api-keys", {
      headers: inOrg,
      data: { name: uniqueName("No expiry"), scopes: ["read:users"] },
    });
    expect(never.status()).toBe(400);
    expect((await never.json()).error.details[0].field).toBe("expires_at");
  });
});
