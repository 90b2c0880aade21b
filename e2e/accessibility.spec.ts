import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { createKeyViaApi, switchOrganization, uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login, loginThroughForm } from "./helpers/login";

/** Runs axe on the page as it stands; returns the serious and critical violations, described. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}

async function expectAccessible(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  await page.goto(path);
  await ready(page);
  // Soft: one run reports every page's violations, not only the first page's.
  expect.soft(await seriousViolations(page), `axe on ${path}`).toEqual([]);
}

const ROLES = [
  { who: "owner", email: "owner@acme.test", foreign: false },
  { who: "member", email: "member@acme.test", foreign: false },
  { who: "platform admin in Globex", email: "admin@voltasis.test", foreign: true },
] as const;

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { name, level: 1 }).first()).toBeVisible();
};

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`axe on a ${device}`, () => {
    test.use({ viewport });

    test("the login page has no serious or critical violations", async ({ page }) => {
      await expectAccessible(page, "/login", heading("Sign in to your dashboard"));
    });

    test("the home page's empty and filled states have no serious or critical violations", async ({
      page,
      request,
    }) => {
      // A newcomer of this test's own: first the empty states, then a key expiring in two days
      // with a request made with it (the chart and the expiring list).
      const person = await newMember(request, { name: "Axel Axe" });
      await loginThroughForm(page, person.email, person.password);
      await expectAccessible(page, "/dashboard", async (p) => {
        await expect(p.getByText("No requests in the last 7 days")).toBeVisible();
      });
      const created = await request.post("/api/v1/api-keys", {
        headers: { Authorization: `Bearer ${person.accessToken}` },
        data: {
          name: uniqueName("Axe home key"),
          scopes: ["read:users"],
          expires_at: new Date(Date.now() + 2 * 24 * 3_600_000).toISOString(),
        },
      });
      expect(created.status()).toBe(201);
      const { key } = (await created.json()).data as { key: string };
      const me = await request.get("/api/v1/auth/me", {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(me.status()).toBe(200);
      // Usage reaches the database about once a second: reload until the chart is there.
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole("list", { name: "Requests per day" })).toBeVisible({
          timeout: 2_000,
        });
      }).toPass({ timeout: 30_000 });
      await expectAccessible(page, "/dashboard", async (p) => {
        await expect(p.getByRole("list", { name: "Requests per day" })).toBeVisible();
        await expect(
          p.getByRole("region", { name: "Keys expiring soon" }).getByRole("link"),
        ).toHaveCount(1);
      });
    });

    for (const role of ROLES) {
      test(`every dashboard page, signed in as ${role.who}`, async ({ page, browser, request }) => {
        // Up to seven page states, each loaded and scanned by axe: three times the usual time.
        test.slow();
        let keyId: string;
        let keyName: string;
        let keySecret: string;
        if (role.foreign) {
          // A Globex key, made by Globex's owner, which the admin then views from Globex.
          const globex = await browser.newContext();
          const owner = await globex.newPage();
          await login(owner, "owner@globex.test");
          keyName = uniqueName("Globex axe");
          ({ id: keyId, key: keySecret } = await createKeyViaApi(owner, keyName, ["read:users"]));
          await globex.close();
          await login(page, role.email);
          await switchOrganization(page, "Globex");
          await expect(
            page.getByRole("button", { name: /^Organization: Globex\. Switch organization$/ }),
          ).toBeVisible();
        } else {
          await login(page, role.email);
          keyName = uniqueName("Axe key");
          ({ id: keyId, key: keySecret } = await createKeyViaApi(page, keyName, ["read:users"]));
        }
        // A refused call with the key: a row in the request log, and a detail with a hint.
        const refused = await request.get("/api/v1/api-keys", {
          headers: { Authorization: `Bearer ${keySecret}` },
        });
        expect(refused.status()).toBe(403);
        const refusedId = refused.headers()["x-request-id"];

        await expectAccessible(page, "/dashboard", heading(/^Welcome/));
        await expectAccessible(page, "/settings/general", async (p) => {
          await expect(p.getByRole("heading", { name: "Organization" })).toBeVisible();
        });
        // Filtered by the key's name through the URL: other tests' keys may fill the first page.
        await expectAccessible(
          page,
          `/settings/api-keys?q=${encodeURIComponent(keyName)}`,
          async (p) => {
            await expect(p.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
            // The table on a wide screen, the cards on a phone: whichever is shown.
            await expect(p.getByText(keyName).filter({ visible: true }).first()).toBeVisible();
          },
        );
        await expectAccessible(page, `/settings/api-keys/${keyId}`, async (p) => {
          await expect(p.getByRole("heading", { name: keyName, level: 2 })).toBeVisible();
          await expect(p.getByRole("heading", { name: "Audit trail" })).toBeVisible();
        });
        if (role.who !== "member") {
          // The log narrowed to the key through the URL, then one entry's detail dialog.
          const log = `/settings/audit-log?target=${keyId}`;
          const entry = (p: Page) =>
            p.getByRole("button", { name: "API key created" }).filter({ visible: true }).first();
          // The filtered log is fetched after hydration: on a busy machine that takes a while.
          const listed = { timeout: 30_000 };
          await expectAccessible(page, log, async (p) => {
            await expect(entry(p)).toBeVisible(listed);
          });
          await expectAccessible(page, log, async (p) => {
            await expect(entry(p)).toBeVisible(listed);
            await entry(p).click();
            const dialog = p.getByRole("dialog", { name: "API key created" });
            await expect(dialog.locator("pre")).toContainText(keyName);
          });
        }
        // The request log narrowed to the key, then the refusal's detail dialog.
        await expectAccessible(page, `/settings/logs?key=${keyId}`, async (p) => {
          await expect(p.getByRole("heading", { name: "Logs", level: 2 })).toBeVisible();
          await expect(p.getByText("1 request", { exact: true })).toBeVisible();
        });
        await expectAccessible(
          page,
          `/settings/logs?key=${keyId}&request=${refusedId}`,
          async (p) => {
            const dialog = p.getByRole("dialog", { name: "GET /api-keys" });
            await expect(dialog.getByRole("region", { name: "What to do" })).toBeVisible();
          },
        );
        // The largest page (every operation), the same for every role: scanned once a viewport.
        if (role.who === "owner")
          await expectAccessible(page, "/docs/api", heading("API reference"));
      });
    }
  });
}
