import { test as setup } from "@playwright/test";
import { DEMO_ACCOUNTS, loginThroughForm, savedSessionPath } from "./helpers/login";

// Each demo account signs in through the form once per run; tests then start from its session
// (login() in helpers/login.ts). Tests of the form itself use loginThroughForm.
for (const email of DEMO_ACCOUNTS) {
  setup(`${email} signs in`, async ({ page }) => {
    await loginThroughForm(page, email);
    await page.context().storageState({ path: savedSessionPath(email) });
  });
}
