import { test as setup } from "@playwright/test";
import { DEMO_ACCOUNTS, loginThroughForm, savedSessionPath } from "./helpers/login";
import { setPlanAsPlatformAdmin } from "./helpers/plans";

// Each demo account signs in through the form once per run; tests then start from its session
// (login() in helpers/login.ts). Tests of the form itself use loginThroughForm.
for (const email of DEMO_ACCOUNTS) {
  setup(`${email} signs in`, async ({ page }) => {
    await loginThroughForm(page, email);
    await page.context().storageState({ path: savedSessionPath(email) });
  });
}

// The suite makes far more keys in Acme than its demo plan (team: 100 in service) allows, in one
// shared database: Acme runs on enterprise here, as a platform admin would set it. Globex stays
// on free, and the specs of plans set what they show (e2e/plans.spec.ts).
setup("Acme on the enterprise plan for the run", async ({ baseURL }) => {
  await setPlanAsPlatformAdmin(baseURL as string, "Acme", "enterprise");
});
