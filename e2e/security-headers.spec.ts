import { expect, type Page, test } from "@playwright/test";
import { login } from "./helpers/login";

/**
 * Records every CSP violation any page of this test reports (the securitypolicyviolation event
 * and Chromium's console message), from before the first script of each page runs.
 */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { reportCspViolation: (v: string) => void })
        .reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI} on ${location.pathname}`);
    });
  });
  return violations;
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = "", ...values] = d.split(/\s+/);
        return [name, values.join(" ")];
      }),
  );
}

test.describe("Security headers of the dashboard", () => {
  test("every dashboard page carries a nonce CSP that Next.js's own scripts satisfy", async ({
    page,
  }) => {
    await login(page, "owner@acme.test");

    const first = await page.goto("/dashboard");
    const csp = first?.headers()["content-security-policy"] ?? "";
    const policy = directives(csp);
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("script-src")).toMatch(
      /^'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/,
    );
    expect(policy.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(policy.get("img-src")).toBe("'self' data: blob:");
    expect(policy.get("connect-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(first?.headers()["x-frame-options"]).toBe("DENY");
    // Served over plain HTTP here, with no TRUST_PROXY: no HSTS.
    expect(first?.headers()["strict-transport-security"]).toBeUndefined();

    // Next.js stamped this response's nonce on every script of the page.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    // Read from the served HTML: scripts that Next.js's runtime adds later carry no nonce and
    // need none ('strict-dynamic' trusts what a nonced script loads).
    const html = (await first?.text()) ?? "";
    const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(/\bnonce="([^"]*)"/.exec(tag)?.[1], tag).toBe(nonce);

    // A fresh nonce per page view.
    const second = await page.reload();
    const again = second?.headers()["content-security-policy"] ?? "";
    expect(/'nonce-([^']+)'/.exec(again)?.[1]).not.toBe(nonce);

    // The JSON API needs no page policy; a spoofed forwarded scheme earns no HSTS.
    const health = await page.request.get("/api/v1/health", {
      headers: { "X-Forwarded-Proto": "https" },
    });
    expect(health.headers()["strict-transport-security"]).toBeUndefined();

    // proxy.ts skips the JSON API: its answers carry the same headers themselves, under /api/v1
    // and the /v1 alias, the catch-all 404 included.
    for (const path of ["/api/v1/health", "/api/v1/no-such-route", "/v1/no-such-route"]) {
      const res = await page.request.get(path);
      expect(res.headers()["content-type"], path).toMatch(/^application\/json/);
      expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers()["x-frame-options"], path).toBe("DENY");
      expect(res.headers()["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    }
  });

  test("the keys pages work under the CSP with no violation reported", async ({ page }) => {
    const violations = await watchCspViolations(page);
    await login(page, "owner@acme.test");

    await page.goto("/settings/api-keys");
    await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();

    const name = `CSP check ${Math.random().toString(36).slice(2, 8)}`;
    await page.getByRole("button", { name: "Create New API Key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create New API Key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("checkbox", { name: "read:users", exact: true }).check();
    await dialog.getByRole("radio", { name: "30 days", exact: true }).check();
    await dialog.getByRole("button", { name: "Create key" }).click();

    const reveal = page.getByRole("dialog", { name: "API key created" });
    await expect(reveal).toBeVisible();
    const secret = await reveal.getByLabel("Secret key").inputValue();
    // The curl example names the page's own origin (no PUBLIC_URL here), never a request header.
    const origin = new URL(page.url()).origin;
    await expect(reveal.locator("pre")).toContainText(`curl ${origin}/api/v1/auth/me`);
    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
    expect(
      (
        await page.request.get("/api/v1/auth/me", {
          headers: { Authorization: `Bearer ${secret}` },
        })
      ).status(),
    ).toBe(200);

    // The detail page: usage chart (recharts' inline styles) and the audit trail.
    await page.getByRole("row").filter({ hasText: name }).getByRole("link").first().click();
    await page.waitForURL("**/settings/api-keys/key_*");
    await expect(page.getByRole("list", { name: "Audit trail" })).toContainText("Created");

    await page.goto("/docs/api");
    await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
    await expect(page.locator("pre").first()).toContainText(`${origin}/api/v1`);

    expect(violations).toEqual([]);
  });
});
