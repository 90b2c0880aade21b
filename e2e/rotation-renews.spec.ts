import { expect, test } from "@playwright/test";
import { uniqueName, VIEWPORTS } from "./helpers/dashboard";
import { login } from "./helpers/login";

const DAY_MS = 24 * 60 * 60 * 1000;

// "Rotate them", says the expiring-keys banner: so rotating must renew the key. The dialog asks
// when the new key expires, offering the old key's lifetime from now (issue 19).
for (const { name: device, viewport } of VIEWPORTS) {
  test.describe(`rotation renews a key, on a ${device}`, () => {
    test.use({ viewport });

    test("the dialog offers the old lifetime, and the new key expires when chosen", async ({
      page,
    }) => {
      await login(page, "owner@acme.test");
      const name = uniqueName("Renewed");
      const origin = new URL(page.url()).origin;
      const created = await page.request.post("/api/v1/api-keys", {
        headers: { Origin: origin, "Content-Type": "application/json" },
        data: {
          name,
          scopes: ["read:users"],
          expires_at: new Date(Date.now() + 30 * DAY_MS).toISOString(),
        },
      });
      expect(created.status()).toBe(201);
      const old = (await created.json()).data as { id: string };

      await page.goto(`/settings/api-keys/${old.id}`);
      await page.getByRole("button", { name: "Rotate key" }).click();
      const rotate = page.getByRole("dialog", { name: `Rotate “${name}”` });
      const expiry = rotate.getByRole("group", { name: "When should the new key expire?" });
      // The same 30 days as the old key, counted from now.
      await expect(expiry.getByRole("radio", { name: "30 days", exact: true })).toBeChecked();
      await expiry.getByRole("radio", { name: "90 days", exact: true }).check();
      await expect(expiry).toContainText("The key stops working on");
      await rotate.getByRole("button", { name: "Rotate key" }).click();

      const reveal = page.getByRole("dialog", { name: "API key rotated" });
      await expect(reveal).toBeVisible();
      await reveal.getByRole("button", { name: "Copy", exact: true }).click();
      await reveal.getByRole("button", { name: "Done" }).click();
      await expect(page.getByRole("link", { name: "Previous key", exact: true })).toBeVisible();
      const newId = /\/settings\/api-keys\/(key_[A-Za-z0-9_-]+)/.exec(page.url())?.[1];
      expect(newId).toBeTruthy();

      const fresh = await page.request.get(`/api/v1/api-keys/${newId}`, {
        headers: { Origin: origin },
      });
      const expiresAt = Date.parse((await fresh.json()).data.expires_at);
      expect(expiresAt - Date.now()).toBeGreaterThan(89 * DAY_MS);
      expect(expiresAt - Date.now()).toBeLessThan(91 * DAY_MS);
    });
  });
}
