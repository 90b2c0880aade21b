import { expect, type Page, test } from "@playwright/test";
import { sameOrigin, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { ageApiKey, canAgeRows } from "./helpers/database";
import { login } from "./helpers/login";

async function createKeyViaApi(page: Page, body: Record<string, unknown>) {
  const res = await page.request.post("/api/v1/api-keys", {
    headers: sameOrigin(page),
    data: body,
  });
  expect(res.status()).toBe(201);
  return (await res.json()).data as { id: string; key: string };
}

/**
 * A key with read:users and write:time-entries that has called GET /users once, returned once
 * the API counts read:users as used (usage is written in batches, about once a second).
 */
async function keyThatReadUsers(page: Page, name: string) {
  const key = await createKeyViaApi(page, { name, scopes: ["read:users", "write:time-entries"] });
  const users = await page.request.get("/api/v1/users", {
    headers: { Authorization: `Bearer ${key.key}` },
  });
  expect(users.status()).toBe(200);
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/v1/api-keys/${key.id}`, {
        headers: sameOrigin(page),
      });
      return (await res.json()).data.scopes_used_30d;
    })
    .toEqual(["read:users"]);
  return key;
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

for (const { name: width, viewport } of VIEWPORTS) {
  test.describe(`key policies (${width})`, () => {
    test.use({ viewport });

    test("the create dialog names every bad field and entry before sending anything", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      await page.goto("/settings/api-keys");
      const posted: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && r.url().endsWith("/api/v1/api-keys")) posted.push(r.url());
      });
      await page.getByRole("button", { name: "Create New API Key" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create New API Key" });
      const nameBox = dialog.getByLabel("Name");
      // Typed in full (no silent cut at 100), then named as too long.
      await nameBox.fill("n".repeat(105));
      await expect(nameBox).toHaveValue("n".repeat(105));
      const allowlist = dialog.getByRole("textbox", { name: /Allowed IP addresses/ });
      await allowlist.fill("10.0.0.300\n10.0.0.0/8\noffice-vpn\n2001:db8::/129");
      await dialog.getByRole("button", { name: "Create key" }).click();

      await expect(dialog.getByText("Use up to 100 characters (now 105).")).toBeVisible();
      await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
      const ipErrors = dialog.getByRole("list").filter({ hasText: "is not an IPv4" });
      await expect(ipErrors.getByRole("listitem")).toHaveText([
        '"10.0.0.300" is not an IPv4 or IPv6 address or CIDR range',
        '"office-vpn" is not an IPv4 or IPv6 address or CIDR range',
        '"2001:db8::/129" is not an IPv4 or IPv6 address or CIDR range',
      ]);
      await expect(nameBox).toHaveAttribute("aria-invalid", "true");
      await expect(allowlist).toHaveAttribute("aria-invalid", "true");
      await expect(
        dialog.getByRole("checkbox", { name: "read:users", exact: true }),
      ).toHaveAttribute("aria-invalid", "true");
      // The first bad field is focused and in view.
      await expect(nameBox).toBeFocused();
      await expect(nameBox).toBeInViewport();

      // Fixing the name and scopes leaves the allowlist: it is now the first error, in view.
      await nameBox.fill(uniqueName("Fixed later"));
      await dialog.getByRole("checkbox", { name: "read:users", exact: true }).check();
      await dialog.getByRole("button", { name: "Create key" }).click();
      await expect(allowlist).toBeFocused();
      await expect(allowlist).toBeInViewport();
      await expect(ipErrors.getByRole("listitem")).toHaveCount(3);
      await shoot(page, `create-dialog-errors-${width}`);
      expect(posted).toEqual([]);

      await allowlist.fill("10.0.0.0/8");
      await dialog.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByRole("dialog", { name: "API key created" })).toBeVisible();
      expect(posted).toHaveLength(1);
    });

    test("Escape on a half-filled create dialog asks before throwing it away", async ({ page }) => {
      await login(page, "owner@acme.test");
      await page.goto("/settings/api-keys");
      const open = page.getByRole("button", { name: "Create New API Key" }).first();
      await open.click();
      const dialog = page.getByRole("dialog", { name: "Create New API Key" });
      await dialog.getByLabel("Name").fill("Half done");
      await page.keyboard.press("Escape");
      const ask = dialog.getByRole("alert").filter({ hasText: "Discard this key?" });
      await expect(ask).toBeVisible();
      await expect(dialog.getByRole("button", { name: "Keep editing" })).toBeFocused();
      await shoot(page, `create-dialog-discard-${width}`);
      // Escape again keeps editing, with what was typed.
      await page.keyboard.press("Escape");
      await expect(ask).toBeHidden();
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel("Name")).toHaveValue("Half done");
      // ✕ asks too; Discard closes, and the next dialog starts empty.
      await dialog.getByRole("button", { name: "Close" }).click();
      await ask.getByRole("button", { name: "Discard" }).click();
      await expect(dialog).toBeHidden();
      await open.click();
      await expect(dialog.getByLabel("Name")).toHaveValue("");
      // Nothing typed: Escape closes at once.
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    });

    test("an allowlist set in the create dialog shows as IP restricted in the list", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      await page.goto("/settings/api-keys");
      await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();

      const name = uniqueName("Office only");
      await page.getByRole("button", { name: "Create New API Key" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create New API Key" });
      await dialog.getByLabel("Name").fill(name);
      await dialog.getByRole("checkbox", { name: "read:users", exact: true }).check();
      await dialog.getByRole("radio", { name: "30 days", exact: true }).check();
      const allowlist = dialog.getByRole("textbox", { name: /Allowed IP addresses/ });
      await allowlist.fill("10.9.8.7/8");
      // The address the server sees for this browser, in one click.
      const addCurrent = dialog.getByRole("button", { name: /^Add your current address \(/ });
      const label = (await addCurrent.textContent()) ?? "";
      const currentIp = /\(([^)]+)\)/.exec(label)?.[1] ?? "";
      expect(currentIp).not.toBe("");
      await addCurrent.click();
      await expect(allowlist).toHaveValue(`10.9.8.7/8\n${currentIp}`);
      await expect(dialog.getByRole("button", { name: "Your address is listed" })).toBeDisabled();
      await shoot(page, `create-dialog-allowlist-${width}`);
      await dialog.getByRole("button", { name: "Create key" }).click();

      const reveal = page.getByRole("dialog", { name: "API key created" });
      await expect(reveal).toBeVisible();
      const secret = await reveal.getByLabel("Secret key").inputValue();
      await reveal.getByRole("button", { name: "Done" }).click();
      await reveal.getByRole("button", { name: "Close without copying" }).click();
      await expect(reveal).toBeHidden();

      await page.getByRole("search", { name: "Filter API keys" }).getByLabel("Search").fill(name);
      // The search applies once typing pauses: a click before then races its URL update.
      await expect(page).toHaveURL(/[?&]q=/);
      const item =
        width === "desktop"
          ? page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name })
          : page.getByRole("list", { name: "API keys" }).getByRole("listitem", { name });
      await expect(item).toHaveCount(1);
      await expect(item.getByText("IP restricted")).toBeVisible();
      await shoot(page, `list-ip-restricted-${width}`);

      // Stored normalized, and the key works from here (this address is on its list).
      await item.getByRole("link", { name }).click();
      const policy = page.getByRole("region", { name: "Access policy" });
      await expect(policy.getByRole("textbox", { name: /Allowed IP addresses/ })).toHaveValue(
        `10.0.0.0/8\n${currentIp}`,
      );
      const me = await page.request.get("/api/v1/auth/me", {
        headers: { Authorization: `Bearer ${secret}` },
      });
      expect(me.status()).toBe(200);
    });

    test("the key page edits the rate limit; a young key's scopes are judged after 7 days", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      const name = uniqueName("Reporting");
      const key = await keyThatReadUsers(page, name);

      await page.goto(`/settings/api-keys/${key.id}`);
      await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
      // Made a moment ago: write:time-entries unused says nothing yet.
      await expect(
        page.getByText(/^Which scopes this key uses is judged after 7 days of calls, from /),
      ).toBeVisible();
      await expect(page.getByRole("note", { name: "Least privilege" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Remove unused scopes" })).toHaveCount(0);
      await expect(page.getByText("Last used from")).toBeVisible();
      await expect(page.getByText("Never used", { exact: true })).toHaveCount(0);

      const policy = page.getByRole("region", { name: "Access policy" });
      const limit = policy.getByRole("textbox", { name: "Requests per minute" });
      await expect(limit).toHaveValue("");
      // Every bad field and entry at once, not one per save.
      const allowlist = policy.getByRole("textbox", { name: /Allowed IP addresses/ });
      await allowlist.fill("10.0.0.300\nlab");
      await limit.fill("0");
      await policy.getByRole("button", { name: "Save policy" }).click();
      await expect(policy.getByRole("listitem")).toHaveText([
        '"10.0.0.300" is not an IPv4 or IPv6 address or CIDR range',
        '"lab" is not an IPv4 or IPv6 address or CIDR range',
      ]);
      await expect(policy.getByText(/^Enter a whole number from 1 to /)).toBeVisible();
      await expect(allowlist).toBeFocused();
      await allowlist.fill("");
      await limit.fill("120");
      await policy.getByRole("button", { name: "Save policy" }).click();
      await expect(policy.getByRole("status")).toHaveText(
        "Saved. It applies from the key's next request.",
      );
      await expect(policy).toContainText("Now 120.");
      const limited = await page.request.get("/api/v1/auth/me", {
        headers: { Authorization: `Bearer ${key.key}` },
      });
      expect(limited.headers()["x-ratelimit-limit"]).toBe("120");
      await expect(page.getByRole("list", { name: "Audit trail" })).toContainText(
        "Rate limit: default → 120",
      );
      await shoot(page, `key-policy-${width}`);
    });

    test("a key observed for 7 days offers to drop the scopes it never used", {
      tag: "@postgres",
    }, async ({ page }) => {
      test.skip(!canAgeRows, "ages a key in the database: CI's PostgreSQL pass");
      await login(page, "owner@acme.test");
      const name = uniqueName("Eight days old");
      const key = await keyThatReadUsers(page, name);
      await ageApiKey(key.id, 8);

      await page.goto(`/settings/api-keys/${key.id}`);
      await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
      const hint = page.getByRole("note", { name: "Least privilege" });
      await expect(hint).toContainText(
        "Used: read:users. Never used in 30 days: write:time-entries. Remove unused scopes?",
      );
      await expect(page.getByText(/judged after 7 days/)).toHaveCount(0);

      await hint.getByRole("button", { name: "Remove unused scopes" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Remove unused scopes?" });
      await expect(confirm).toContainText("loses write:time-entries");
      await confirm.getByRole("button", { name: "Remove scope" }).click();
      await expect(confirm).toBeHidden();
      await expect(
        page.getByText("Every scope of this key was used in the last 30 days."),
      ).toBeVisible();
      const scopes = page.getByRole("region", { name: "Scopes" });
      await expect(scopes.getByText("write:time-entries")).toHaveCount(0);
      await expect(scopes.getByText("read:users", { exact: true })).toBeVisible();
      await shoot(page, `least-privilege-done-${width}`);
    });

    test("keys expiring within 7 days say so in the list, under a banner", async ({ page }) => {
      await login(page, "owner@acme.test");
      // A long name in one word: the banner (newest first) names it, and must wrap it.
      const name = `${uniqueName("Short lived")}-${"y".repeat(80)}`;
      await createKeyViaApi(page, {
        name,
        scopes: ["read:users"],
        expires_at: new Date(Date.now() + 3 * 24 * 3_600_000 + 3_600_000).toISOString(),
      });
      await page.goto("/settings/api-keys");
      const banner = page.getByRole("status", { name: "Keys expiring soon" });
      await expect(banner).toContainText(/\d+\+? keys? expires? within 7 days/);
      await expect(banner).toContainText(name);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        "page is wider than the viewport",
      ).toBe(true);
      await banner.getByRole("button", { name: "Show expiring keys" }).click();
      await expect(
        page.getByRole("search", { name: "Filter API keys" }).getByLabel("Status"),
      ).toHaveValue("expiring_soon");
      const item =
        width === "desktop"
          ? page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name })
          : page.getByRole("list", { name: "API keys" }).getByRole("listitem", { name });
      await expect(item.getByText("Expires in 3 days")).toBeVisible();
      await shoot(page, `expiring-banner-${width}`);
    });
  });
}
