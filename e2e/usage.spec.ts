import { expect, test } from "@playwright/test";
import { VIEWPORTS } from "./helpers/dashboard";
import { DEMO_PASSWORD, login } from "./helpers/login";

for (const { name: device, viewport } of VIEWPORTS) {
  /** Calls made with a key show up on its detail page: totals, the chart and the top routes. */
  test(`a key's requests appear in its usage chart and route table on a ${device}`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize(viewport);
    const token = await request.post("/api/v1/auth/token", {
      data: { email: "owner@acme.test", password: DEMO_PASSWORD },
    });
    const { access_token } = (await token.json()).data;
    const name = `Usage chart ${Date.now()}`;
    const created = await request.post("/api/v1/api-keys", {
      headers: { Authorization: `Bearer ${access_token}` },
      data: { name, scopes: ["read:users"] },
    });
    expect(created.status()).toBe(201);
    const key = (await created.json()).data;
    const auth = { Authorization: `Bearer ${key.key}` };

    for (let i = 0; i < 5; i++) {
      expect((await request.get("/api/v1/users", { headers: auth })).status()).toBe(200);
    }
    for (let i = 0; i < 2; i++) {
      // Without read:time-entries: counted as 4xx.
      expect((await request.get("/api/v1/time-entries", { headers: auth })).status()).toBe(403);
    }

    await login(page, "owner@acme.test");
    await page.goto(`/settings/api-keys/${key.id}`);
    await expect(page.getByRole("heading", { name })).toBeVisible();
    const usage = page
      .getByRole("region", { name: "Usage" })
      .or(page.locator("section", { has: page.getByRole("heading", { name: "Usage" }) }));

    // Usage is flushed to the database about once a second: reload until it is there.
    await expect(async () => {
      await page.reload();
      const requests = usage.locator("dl > div", {
        has: page.locator("dt", { hasText: /^Requests$/ }),
      });
      await expect(requests.locator("dd")).toHaveText("7", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });

    await expect(
      usage.getByRole("img", { name: /Requests per hour over the last 24 hours/ }),
    ).toBeVisible();
    const routes = usage.getByRole("table", { name: "Top routes by requests" });
    if (viewport.width >= 640) {
      await expect(routes.getByRole("row", { name: /GET \/users 5/ })).toBeVisible();
      await expect(routes.getByRole("row", { name: /GET \/time-entries 2 2/ })).toBeVisible();
    } else {
      // On a phone errors and latency fold under the route; nothing is clipped.
      const refused = routes.getByRole("row", { name: /GET \/time-entries/ });
      await expect(refused).toContainText("2 errors (100%)");
      await expect(refused).toContainText("ms avg");
      await expect(routes.getByRole("columnheader", { name: "Avg latency" })).toBeHidden();
    }
    const frame = routes.locator("xpath=..");
    expect(await frame.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await expect(usage.getByText(/^Last used never/)).toHaveCount(0);

    await page.screenshot({
      path: `test-results/screenshots/usage-${viewport.width}.png`,
      fullPage: true,
    });

    await usage.getByRole("button", { name: "7 days" }).click();
    await expect(usage.getByRole("img", { name: /over the last 7 days/ })).toBeVisible();
  });
}
