import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers/checks";
import { DEMO_PASSWORD, login } from "./helpers/login";

const COMPONENTS = ["API", "Database", "Cache", "Invalidation bus"];

test("the status page shows the components and an incident posted through the API, signed out", async ({
  browser,
  request,
}) => {
  const token = await request.post("/api/v1/auth/token", {
    data: { email: "admin@voltasis.test", password: DEMO_PASSWORD },
  });
  expect(token.status()).toBe(200);
  const { access_token } = (await token.json()).data;
  const title = `Elevated latency ${Date.now()}`;
  const posted = await request.post("/api/v1/status/incidents", {
    headers: { authorization: `Bearer ${access_token}` },
    data: { title, status: "identified", message: "A slow query; a fix is on its way." },
  });
  expect(posted.status()).toBe(201);

  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto("/status");
  // Never sent to the login page: anyone may read it.
  expect(res?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe("/status");
  await expect(page.getByRole("heading", { name: "API status", level: 1 })).toBeVisible();
  const components = page.getByRole("region", { name: "Components" });
  for (const name of COMPONENTS) {
    const row = components.getByRole("listitem", { name, exact: true });
    await expect(row).toContainText("Operational");
    await expect(row.getByRole("img", { name: /uptime over the last 90 days/ })).toBeVisible();
  }
  await expect(components.getByRole("listitem", { name: "Cache", exact: true })).toContainText(
    "in-memory",
  );
  const current = page.getByRole("region", { name: "Current incidents" });
  const incident = current.getByRole("article", { name: title });
  await expect(incident).toContainText("Identified");
  await expect(incident).toContainText("A slow query; a fix is on its way.");
  // Signed out: no form to post with.
  await expect(page.getByRole("region", { name: "Post an incident update" })).toHaveCount(0);
  await expectAccessible(page, "the status page");
  await page.screenshot({ path: test.info().outputPath("status-page.png"), fullPage: true });
  await context.close();
});

test("a platform admin resolves an incident from the status page", async ({ page, request }) => {
  const token = await request.post("/api/v1/auth/token", {
    data: { email: "admin@voltasis.test", password: DEMO_PASSWORD },
  });
  const { access_token } = (await token.json()).data;
  const title = `Webhook delays ${Date.now()}`;
  const posted = await request.post("/api/v1/status/incidents", {
    headers: { authorization: `Bearer ${access_token}` },
    data: { title, message: "Deliveries are queued." },
  });
  expect(posted.status()).toBe(201);

  await login(page, "admin@voltasis.test");
  // Reached from the dashboard's footer, as a person looking for outages would.
  await page.goto("/dashboard");
  await page.getByRole("contentinfo").getByRole("link", { name: "API status" }).click();
  await expect(page).toHaveURL(/\/status$/);
  const form = page.getByRole("region", { name: "Post an incident update" });
  await form.getByLabel("Incident").selectOption({ label: title });
  await form.getByLabel("Status").selectOption("resolved");
  await form.getByLabel("Message").fill("All queued deliveries were sent.");
  await form.getByRole("button", { name: "Post update" }).click();
  const past = page.getByRole("region", { name: "Past incidents" });
  const incident = past.getByRole("article", { name: title });
  await expect(incident).toContainText("All queued deliveries were sent.");
  await expect(incident).toContainText("Resolved");
  await expectAccessible(page, "the status page with the incident form");
});
