import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { overflowsSideways } from "./helpers/checks";
import { createKeyViaApi, openSettingsPage, uniqueName } from "./helpers/dashboard";
import { login } from "./helpers/login";

/** Calls the API with a secret as a program would; returns the answer. */
async function call(request: APIRequestContext, secret: string, path: string) {
  return request.get(`/api/v1${path}`, { headers: { Authorization: `Bearer ${secret}` } });
}

/** The X-Request-Id of an answer: what a caller quotes, and what the log files it under. */
function requestIdOf(response: { headers(): Record<string, string> }): string {
  const id = response.headers()["x-request-id"] ?? "";
  expect(id).toMatch(/^req_[0-9A-Za-z]{20}$/);
  return id;
}

/** The requests listed: table rows on a wide screen, cards on a phone. */
function listed(page: Page, wide: boolean): Locator {
  return wide
    ? page.getByRole("table", { name: "Requests" }).locator("tbody").getByRole("row")
    : page.getByRole("list", { name: "Requests" }).getByRole("listitem");
}

/** A key of the signed-in user, called three times with success and refused once (403). */
async function keyWithTraffic(page: Page, request: APIRequestContext, label: string) {
  const key = await createKeyViaApi(page, uniqueName(label), ["read:users"]);
  const ok: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await call(request, key.key, "/users");
    expect(res.status()).toBe(200);
    ok.push(requestIdOf(res));
  }
  // The key lacks read:api-keys: a refusal with a reason and a hint.
  const refused = await call(request, key.key, "/api-keys");
  expect(refused.status()).toBe(403);
  return { ...key, ok, refused: requestIdOf(refused) };
}

/** The open request's dialog, showing a missing-scope refusal in full. */
async function expectRefusalShown(page: Page) {
  const dialog = page.getByRole("dialog", { name: "GET /api-keys" });
  await expect(dialog).toBeVisible();
  const todo = dialog.getByRole("region", { name: "What to do" });
  await expect(todo).toContainText("The credential lacks the scope");
  await expect(todo).toContainText("FORBIDDEN");
  await expect(todo).toContainText("missing_scope");
  return dialog;
}

test.describe("the request log on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 860 } });

  // Also in CI's PostgreSQL pass: the same pages over real day partitions.
  test("a key's requests show on its page and in Settings > Logs, filtered to the refusal, which says what to do", {
    tag: "@postgres",
  }, async ({ page, request }) => {
    await login(page, "owner@acme.test");
    const key = await keyWithTraffic(page, request, "Logged key");

    // The key's page: its last requests, newest (the refusal) first.
    await page.goto(`/settings/api-keys/${key.id}`);
    const recent = page.getByRole("list", { name: "Recent requests" });
    await expect(recent.getByRole("listitem")).toHaveCount(4);
    await expect(recent.getByRole("listitem").first()).toContainText("403");
    await expect(recent.getByRole("listitem").nth(1)).toContainText("200");
    // Opening one opens its detail in the log.
    await recent.getByRole("link", { name: /api-keys/ }).click();
    await expect(page).toHaveURL(new RegExp(`/settings/logs\\?request=${key.refused}$`));
    await expectRefusalShown(page);
    await page.getByRole("button", { name: "Close" }).last().click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page).toHaveURL(/\/settings\/logs$/);

    // Settings > Logs lists them, each key linking to its page.
    await openSettingsPage(page, "Logs");
    const rows = listed(page, true);
    await expect(rows.filter({ hasText: key.id })).toHaveCount(4);
    await expect(rows.first().getByRole("link", { name: `API key ${key.id}` })).toHaveAttribute(
      "href",
      `/settings/api-keys/${key.id}`,
    );

    // "View all" on the key page: the log of this key, the key in the URL and the filter.
    await page.goto(`/settings/api-keys/${key.id}`);
    await page.getByRole("link", { name: /^View all/ }).click();
    await expect(page).toHaveURL(new RegExp(`/settings/logs\\?key=${key.id}$`));
    await expect(page.getByLabel("Key or token id")).toHaveValue(key.id);
    await expect(rows).toHaveCount(4);

    // 4xx narrows it to the refusal; the URL carries the filter through a reload.
    await page.getByLabel("Status").selectOption({ label: "4xx: refused" });
    await expect(page).toHaveURL(/[?&]status=4xx(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("403");
    await page.reload();
    await expect(page.getByLabel("Status")).toHaveValue("4xx");
    await expect(rows).toHaveCount(1);

    // Opening the row: the reason and the hint, and the URL reopens it after a reload.
    await rows
      .first()
      .getByRole("button", { name: /api-keys/ })
      .click();
    await expectRefusalShown(page);
    await expect(page).toHaveURL(new RegExp(`[?&]request=${key.refused}(&|$)`));
    await page.reload();
    await expectRefusalShown(page);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/settings\/logs$/);
    await expect(page.getByLabel("Status")).toHaveValue("");

    // A request id from X-Request-Id, entered in the search box, opens that request.
    const lookup = page.getByLabel("Request id");
    await lookup.fill(key.refused);
    await lookup.press("Enter");
    await expectRefusalShown(page);
    await page.keyboard.press("Escape");
    await lookup.fill(key.ok[0] ?? "");
    await page.getByRole("button", { name: "Open request" }).click();
    const success = page.getByRole("dialog", { name: "GET /users" });
    await expect(success).toContainText(key.ok[0] ?? "");
    await expect(success.getByRole("region", { name: "What to do" })).toHaveCount(0);
    await page.keyboard.press("Escape");

    // An id that is in no log says so; something that is no id is not sent.
    await lookup.fill("req_00000000000000000000");
    await lookup.press("Enter");
    await expect(page.getByRole("dialog", { name: "Request" }).getByRole("alert")).toContainText(
      "No request req_00000000000000000000 in this organization’s log",
    );
    await page.keyboard.press("Escape");
    await lookup.fill("not an id");
    await lookup.press("Enter");
    await expect(page.getByText("A request id starts with req_")).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });

  test("a member sees only the requests of their own credentials", async ({
    browser,
    page,
    request,
  }) => {
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await login(ownerPage, "owner@acme.test");
    const ownersKey = await createKeyViaApi(ownerPage, uniqueName("Owner's logged"), [
      "read:users",
    ]);
    await owner.close();
    const ownersCall = await call(request, ownersKey.key, "/users");
    expect(ownersCall.status()).toBe(200);
    const ownersRequest = requestIdOf(ownersCall);

    await login(page, "member@acme.test");
    const mine = await keyWithTraffic(page, request, "Member's logged");
    await openSettingsPage(page, "Logs");
    await expect(
      page.getByText("As a member you see only the requests made with your own credentials."),
    ).toBeVisible();
    const rows = listed(page, true);
    await expect(rows.filter({ hasText: mine.id })).toHaveCount(4);
    await expect(rows.filter({ hasText: ownersKey.id })).toHaveCount(0);

    // The owner's request, by its id: not in this member's log.
    const lookup = page.getByLabel("Request id");
    await lookup.fill(ownersRequest);
    await lookup.press("Enter");
    await expect(page.getByRole("dialog", { name: "Request" }).getByRole("alert")).toContainText(
      `No request ${ownersRequest} in this organization’s log`,
    );
  });
});

test.describe("the request log on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("cards list the key's requests and the refusal opens in full, with no sideways scroll", async ({
    page,
    request,
  }) => {
    await login(page, "owner@acme.test");
    const key = await keyWithTraffic(page, request, "Phone logged");
    await page.goto(`/settings/logs?key=${key.id}&status=403`);
    const cards = listed(page, false);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("403");
    expect(await overflowsSideways(page)).toBe(false);
    await cards
      .first()
      .getByRole("button", { name: /api-keys/ })
      .click();
    await expectRefusalShown(page);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({
      path: test.info().outputPath("request-log-phone.png"),
      fullPage: true,
    });
  });
});
