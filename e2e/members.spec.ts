import { type APIRequestContext, expect, test } from "@playwright/test";
import { newMember } from "./helpers/accounts";
import { VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

// Settings > Members, GitHub's People page as the anchor (issue 19): roles as text with a dialog
// that explains what each allows, Remove with a warning that keys stop at once, "(you)", joined
// dates, search, and pending invitations that say who invited whom.
async function memberWithKey(request: APIRequestContext, name: string) {
  const { email, accessToken } = await newMember(request, { name });
  const key = await request.post("/api/v1/api-keys", {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: { name: `${name}'s key`, scopes: ["read:users"] },
  });
  expect(key.status()).toBe(201);
  return { email, key: (await key.json()).data.key as string };
}

for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`Settings > Members on a ${device}`, () => {
    test.use({ viewport });

    test("an owner finds a member, changes their role through a dialog, then removes them", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      const name = `Mia ${device === "phone" ? "Phone" : "Desk"} ${Date.now() % 100000}`;
      const member = await memberWithKey(page.request, name);

      await page.goto("/settings/members");
      const list = page.getByRole("region", { name: "Members", exact: true });
      await expect(list.getByRole("listitem").filter({ hasText: "owner@acme.test" })).toContainText(
        "(you)",
      );
      await list.getByRole("searchbox", { name: "Search members" }).fill(member.email);
      await expect(list.getByRole("status")).toContainText(/^1 of \d+ members$/);
      const row = list.getByRole("listitem").filter({ hasText: name });
      await expect(row).toContainText(/Member · joined \w{3} \d{1,2}, \d{4}/);
      // Nothing overflows sideways, whatever the width.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await page.screenshot({
        path: test.info().outputPath(`members-${device}.png`),
        fullPage: true,
      });

      await row.getByRole("button", { name: `Change role of ${name}` }).click();
      const change = page.getByRole("dialog", { name: `Change the role of ${name}` });
      await change.getByRole("radio", { name: /^Owner/ }).check();
      await expect(change).toContainText("An owner has full control of Acme");
      await change.getByRole("radio", { name: /^Admin/ }).check();
      await change.getByRole("button", { name: "Make Admin" }).click();
      await expect(change).toBeHidden();
      await expect(row).toContainText("Admin · joined");

      await row.getByRole("button", { name: `Remove ${name}` }).click();
      const remove = page.getByRole("alertdialog", { name: `Remove ${name} from Acme?` });
      await expect(remove).toContainText("API keys and tokens for Acme stop working");
      await remove.getByRole("button", { name: "Remove member" }).click();
      await expect(remove).toBeHidden();
      await expect(list.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
      const me = await page.request.get("/api/v1/auth/me", {
        headers: { Authorization: `Bearer ${member.key}` },
      });
      expect(me.status()).toBe(401);
    });

    test("an address already invited offers Send again, and a pending invitation sends a new link", async ({
      page,
      browser,
    }) => {
      await login(page, "owner@acme.test");
      await page.goto("/settings/members");
      const email = `again-${device}-${Date.now()}@example.test`;
      const invite = page.getByRole("region", { name: "Invite member" });
      await invite.getByLabel("Email").fill(email);
      await invite.getByRole("button", { name: "Invite member" }).click();
      const first = await invite.getByTestId("invitation-url").textContent();
      expect(first).toMatch(/\/invite\//);

      // The same address again: refused, with what was typed kept and a way to send it again.
      await invite.getByLabel("Email").fill(email);
      await invite.getByRole("button", { name: "Invite member" }).click();
      const refusal = invite.getByRole("alert").filter({ hasText: "already invited" });
      await expect(refusal).toBeVisible();
      await expect(invite.getByLabel("Email")).toHaveValue(email);
      await refusal.getByRole("button", { name: "Send again" }).click();
      await expect(invite.getByTestId("invitation-url")).not.toHaveText(first ?? "");
      const second = await invite.getByTestId("invitation-url").textContent();

      // From the pending list: who invited whom, and another new link.
      const row = page
        .getByRole("region", { name: "Pending invitations" })
        .getByRole("listitem")
        .filter({ hasText: email });
      await expect(row).toContainText(/Member · invited by you on \w{3} \d{1,2}, \d{4}/);
      await row.getByRole("button", { name: `Send the invitation to ${email} again` }).click();
      await expect(row.getByTestId("invitation-url")).toBeVisible();
      const third = await row.getByTestId("invitation-url").textContent();
      expect(new Set([first, second, third]).size).toBe(3);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);

      // Only the last link works.
      const visitor = await browser.newContext();
      try {
        const tab = await visitor.newPage();
        for (const spent of [first, second]) {
          await tab.goto(new URL(spent ?? "").pathname);
          await expect(tab.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
        }
        await tab.goto(new URL(third ?? "").pathname);
        await expect(tab.getByRole("heading", { name: "Join Acme" })).toBeVisible();
      } finally {
        await visitor.close();
      }
    });

    test("a member sees the list without any way to change it", async ({ page }) => {
      await login(page, "member@acme.test");
      await page.goto("/settings/members");
      const list = page.getByRole("region", { name: "Members", exact: true });
      await expect(
        list.getByRole("listitem").filter({ hasText: "member@acme.test" }),
      ).toContainText("(you)");
      await expect(list.getByRole("button", { name: /^Change role of/ })).toHaveCount(0);
      await expect(list.getByRole("button", { name: /^Remove / })).toHaveCount(0);
      // Tabbing down the page never hides the focused control under the sticky header.
      const header = await page.locator("header").first().boundingBox();
      const padding = await page.evaluate(() =>
        Number.parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop),
      );
      expect(padding).toBeGreaterThanOrEqual(header?.height ?? Number.POSITIVE_INFINITY);
    });
  });
}
