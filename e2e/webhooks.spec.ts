import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expectAccessible, overflowsSideways } from "./helpers/checks";
import { openSettingsPage, sameOrigin, switchOrganization, uniqueName } from "./helpers/dashboard";
import { login, orgSwitcher } from "./helpers/login";

/** What the receiver got: the raw body and the headers, as a Standard Webhooks verifier wants. */
interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

/**
 * A webhook receiver on 127.0.0.1 (the e2e server runs with WEBHOOKS_ALLOW_PRIVATE=1): it keeps
 * every request and answers 200.
 */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/voltasis`, received, server };
}

/** The three Standard Webhooks headers of a request, as strings. */
function signatureHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    out[name] = String(headers[name] ?? "");
  }
  return out;
}

/** The deliveries of an event type in the endpoint's log, newest first. */
function deliveries(page: Page, eventType: string): Locator {
  return page
    .getByRole("list", { name: "Deliveries" })
    .getByRole("listitem")
    .filter({ hasText: eventType });
}

test.describe("Settings > Webhooks", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  test.beforeAll(async () => {
    receiver = await startReceiver();
  });
  test.afterAll(async () => {
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  test("an owner adds an endpoint, verifies a signed test event, disables, rotates and deletes it", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await login(page, "owner@acme.test");
    await openSettingsPage(page, "Webhooks");

    // Every missing field is named beside it, and the URL takes focus.
    await page.getByRole("button", { name: "Add endpoint" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText("Enter the URL that receives the events")).toBeVisible();
    await expect(dialog.getByText("Choose at least one event to send.")).toBeVisible();
    await expect(dialog.getByLabel("Endpoint URL")).toBeFocused();
    // Each event carries its description from the catalogue.
    await expect(
      dialog.getByRole("checkbox", { name: "api_key.exposed" }),
    ).toHaveAccessibleDescription(/reported leaked/);
    await expectAccessible(page, "the add dialog");

    // A rule only the API checks (the scheme): its VALIDATION_ERROR lands under the URL.
    await dialog.getByLabel("Endpoint URL").fill("ftp://127.0.0.1/hooks");
    await dialog.getByRole("checkbox", { name: "api_key.created" }).check();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText(/must be an https URL/)).toBeVisible();
    await expect(dialog.getByLabel("Endpoint URL")).toBeFocused();

    const description = uniqueName("Security alerts to the SIEM");
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByLabel("Description (optional)").fill(description);
    await dialog.getByRole("button", { name: "Select all Members events" }).click();
    await expect(dialog.getByRole("checkbox", { name: "member.role_changed" })).toBeChecked();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();

    // The signing secret is shown once, with how to verify it; closing uncopied asks first.
    const reveal = page.getByRole("dialog", { name: "Webhook endpoint added" });
    await expect(reveal).toContainText("Copy the signing secret now: you won't see it again");
    await expect(reveal).toContainText("new Webhook(");
    await expect(reveal).toContainText(".verify(rawBody, req.headers)");
    const shown = await reveal.getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(shown).toMatch(/^whsec_/);
    await expectAccessible(page, "the signing secret reveal");
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal.getByRole("alert")).toContainText("You haven't copied this signing secret");
    await reveal.getByRole("button", { name: "Go back" }).click();
    await reveal.getByRole("button", { name: "Copy signing secret" }).click();
    await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toBe(shown);
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    // The list: URL, description, events, status; the secret is nowhere on the page.
    const row = page.getByRole("row").filter({ hasText: description });
    await expect(row).toContainText(receiver.url);
    await expect(row).toContainText("4 events");
    await expect(row).toContainText("Enabled");
    await expect(row.getByRole("link", { name: receiver.url })).toBeFocused();
    expect(await page.content()).not.toContain(secret);
    await expectAccessible(page, "the list");

    // The endpoint's page, and a test event the receiver verifies with the copied secret.
    await row.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { name: receiver.url, level: 2 })).toBeVisible();
    await expect(page.getByText("No deliveries in the last 30 days")).toBeVisible();
    const before = receiver.received.length;
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(before + 1);
    const got = receiver.received[before] as Received;
    const event = new Webhook(secret).verify(got.body, signatureHeaders(got.headers)) as {
      type: string;
    };
    expect(event.type).toBe("webhook.test");
    expect(() =>
      new Webhook(`whsec_${Buffer.from("not the secret").toString("base64")}`).verify(
        got.body,
        signatureHeaders(got.headers),
      ),
    ).toThrow();

    // The log shows it delivered with the receiver's 200, its payload behind a disclosure.
    const testDelivery = deliveries(page, "webhook.test").first();
    await expect(testDelivery).toContainText("Delivered", { timeout: 15_000 });
    await expect(testDelivery.getByText("200", { exact: true })).toBeVisible();
    await expect(testDelivery).toContainText("Attempts1");
    await testDelivery.getByText("Payload", { exact: true }).click();
    await expect(testDelivery.locator("pre")).toContainText('"type": "webhook.test"');
    await expectAccessible(page, "the endpoint's page");

    // A resend goes out again with the same webhook-id, and the log shows it delivered too.
    await testDelivery.getByRole("button", { name: "Resend this webhook.test delivery" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(before + 2);
    expect(receiver.received[before + 1]?.headers["webhook-id"]).toBe(got.headers["webhook-id"]);
    await expect(deliveries(page, "webhook.test")).toHaveCount(2);
    await expect(deliveries(page, "webhook.test").first()).toContainText("Delivered", {
      timeout: 15_000,
    });

    // Disable and enable: the badge follows, and a disabled endpoint takes no test event.
    const enabled = page.getByRole("switch", { name: "Send events to this endpoint" });
    await expect(enabled).toHaveAttribute("aria-checked", "true");
    await enabled.click();
    await expect(enabled).toHaveAttribute("aria-checked", "false");
    const heading = page.getByRole("region", { name: receiver.url });
    await expect(heading.getByText("Disabled", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send test event" })).toBeDisabled();
    await page.reload();
    await expect(enabled).toHaveAttribute("aria-checked", "false");
    await enabled.click();
    await expect(enabled).toHaveAttribute("aria-checked", "true");
    await expect(heading.getByText("Enabled", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send test event" })).toBeEnabled();

    // Rotating asks first, says the old secret signs for a day, and shows the new one once.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const confirmRotate = page.getByRole("alertdialog", { name: "Rotate the signing secret?" });
    await expect(confirmRotate).toContainText(
      "The previous secret keeps signing beside it for a day",
    );
    await expect(confirmRotate.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirmRotate.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = page.getByRole("dialog", { name: "New signing secret" });
    const newSecret = await rotated.getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    await rotated.getByRole("button", { name: "Done" }).click();
    await rotated.getByRole("button", { name: "Close without copying" }).click();
    await expect(rotated).toBeHidden();
    await expect(page.getByText("the previous secret also signs until")).toBeVisible();

    // Editing the description: saved, and still there after a reload.
    const settings = page.getByRole("region", { name: "Endpoint settings" });
    const save = settings.getByRole("button", { name: "Save changes" });
    await expect(save).toBeDisabled();
    await settings.getByLabel("Description (optional)").fill(`${description} (edited)`);
    await save.click();
    await expect(
      page.getByRole("status").filter({ hasText: "Saved the changes to the endpoint" }),
    ).toBeVisible();
    await page.reload();
    await expect(
      page.getByRole("region", { name: "Endpoint settings" }).getByLabel("Description (optional)"),
    ).toHaveValue(`${description} (edited)`);

    // On a phone the page fits the screen, the URL wrapping.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(page.getByRole("heading", { name: receiver.url, level: 2 })).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: test.info().outputPath("webhook-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });

    // Deleting asks first, with Cancel focused, and names what goes.
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    const confirmDelete = page.getByRole("alertdialog", { name: "Delete this webhook endpoint?" });
    await expect(confirmDelete).toContainText("Nothing more is sent to this URL");
    await expect(confirmDelete.getByRole("button", { name: "Cancel" })).toBeFocused();
    const url = page.url();
    await confirmDelete.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(
      page.getByRole("status").filter({ hasText: `Deleted the endpoint ${receiver.url}` }),
    ).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: description })).toHaveCount(0);
    await page.goto(url);
    await expect(
      page.getByRole("heading", { name: "This webhook endpoint is not here" }),
    ).toBeVisible();
  });

  test("a new organization starts empty, explained, and fits a phone", async ({ page }) => {
    await login(page, "owner@acme.test");
    const orgName = uniqueName("Hooks side project");
    const created = await page.request.post("/api/v1/organizations", {
      headers: sameOrigin(page),
      data: { name: orgName },
    });
    expect(created.status()).toBe(201);
    await page.reload();
    await switchOrganization(page, orgName);
    await expect(orgSwitcher(page)).toHaveAccessibleName(new RegExp(`^Organization: ${orgName}`));
    await page.setViewportSize({ width: 375, height: 812 });
    await openSettingsPage(page, "Webhooks");
    const empty = page.getByRole("region", { name: "No webhook endpoints yet" });
    await expect(empty).toContainText("signed as the Standard Webhooks spec defines");
    expect(await overflowsSideways(page)).toBe(false);
    await expectAccessible(page, "the empty list");

    // The add dialog fits the phone too.
    await empty.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await expect(dialog.getByRole("checkbox", { name: "oauth_grant.revoked" })).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: test.info().outputPath("webhook-add-phone.png") });
  });

  test("a member has no webhooks page", async ({ page }) => {
    await login(page, "member@acme.test");
    await page.goto("/settings/general");
    const nav = page.getByRole("navigation", { name: "Settings" });
    await expect(nav.getByRole("link", { name: "API Keys" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    // An endpoint's address (the owners' email links there) is not found either.
    await page.goto("/settings/webhooks/we_doesnotexist");
    await expect(
      page.getByRole("heading", { name: "This webhook endpoint is not here" }),
    ).toBeVisible();
  });
});
