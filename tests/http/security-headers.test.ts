import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import nextConfig from "@/next.config";
import { config, proxy } from "@/proxy";

function configure(vars: { PUBLIC_URL?: string; TRUST_PROXY?: string }) {
  for (const name of ["PUBLIC_URL", "TRUST_PROXY"] as const) {
    const value = vars[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}

function visit(url: string, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(url, { headers: { cookie: "authjs.session-token=x", ...headers } }));
}

afterEach(() => configure({}));

describe("proxy.ts security headers", () => {
  it("gives each dashboard response its own nonce CSP", () => {
    configure({});
    const first = visit("http://localhost:3000/dashboard").headers.get("content-security-policy");
    const second = visit("http://localhost:3000/dashboard").headers.get("content-security-policy");
    expect(first).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(first).toContain("frame-ancestors 'none'");
    expect(first).toContain("object-src 'none'");
    expect(first).not.toBe(second);
  });

  it("leaves the JSON API without a page policy", () => {
    configure({});
    expect(
      visit("http://localhost:3000/api/v1/health").headers.has("content-security-policy"),
    ).toBe(false);
  });

  it.each([
    ["plain HTTP", false, {}, {}],
    ["a client claiming HTTPS without TRUST_PROXY", false, {}, { "x-forwarded-proto": "https" }],
    ["our proxy saying HTTPS", true, { TRUST_PROXY: "1" }, { "x-forwarded-proto": "https" }],
    ["our proxy saying HTTP", false, { TRUST_PROXY: "1" }, { "x-forwarded-proto": "http" }],
    ["an https PUBLIC_URL", true, { PUBLIC_URL: "https://voltasis.example" }, {}],
    ["an http PUBLIC_URL", false, { PUBLIC_URL: "http://voltasis.example" }, {}],
  ])("%s: HSTS %s", (_label, hsts, vars, headers) => {
    configure(vars);
    // Next.js builds the request URL's scheme from X-Forwarded-Proto, whoever sent it.
    const scheme = (headers as Record<string, string>)["x-forwarded-proto"] ?? "http";
    const res = visit(`${scheme}://localhost:3000/dashboard`, headers);
    expect(res.headers.get("strict-transport-security")).toBe(
      hsts ? "max-age=63072000; includeSubDomains" : null,
    );
  });
});

describe("where proxy.ts runs", () => {
  it.each([
    ["/dashboard", true],
    ["/settings/api-keys", true],
    ["/login", true],
    ["/api/auth/session", true],
    ["/api/v1x", true],
    ["/v1x", true],
    ["/api/v1", false],
    ["/api/v1/users", false],
    ["/api/v1/no-such-route", false],
    ["/v1", false],
    ["/v1/users", false],
    ["/_next/static/chunks/main.js", false],
  ])("%s: %s", (pathname, runs) => {
    // The JSON API sets its own headers (tests/http/api-security-headers.test.ts).
    expect(
      unstable_doesMiddlewareMatch({ config, nextConfig, url: `http://localhost:3000${pathname}` }),
    ).toBe(runs);
  });
});
