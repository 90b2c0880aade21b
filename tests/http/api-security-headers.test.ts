import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/v1/[[...path]]/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { resetEnvForTests } from "@/lib/env";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { apiRoutes, fillPath } from "@/tests/helpers/routes";

// proxy.ts does not run for /api/v1 (its matcher skips it), so every answer there must carry the
// security headers itself: success, refusal and the catch-all 404 alike.
beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  delete process.env.PUBLIC_URL;
  resetEnvForTests();
});

const EXPECTED = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function expectSecurityHeaders(headers: Headers) {
  for (const [name, value] of Object.entries(EXPECTED)) expect(headers.get(name), name).toBe(value);
}

describe("every /api/v1 answer sets its own security headers", () => {
  it("a success, a 401 and the catch-all 404", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const ok = await invoke(usersRoute.GET, { path: "/users", token: secret });
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok.headers);

    const refused = await invoke(meRoute.GET, { path: "/auth/me" });
    expect(refused.status).toBe(401);
    expectSecurityHeaders(refused.headers);

    const missing = await invoke(catchAll.GET, { path: "/no-such-route" });
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
    // Plain HTTP, no PUBLIC_URL: no HSTS.
    expect(missing.headers.get("strict-transport-security")).toBeNull();
  });

  it("every operation's handler, unauthenticated", async () => {
    for (const route of await apiRoutes()) {
      const params = Object.fromEntries(
        [...route.op.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] ?? "", "x_unknown"]),
      );
      const res = await invoke(route.handler, {
        method: route.op.method,
        path: fillPath(route.op.path, params),
        params,
        body: route.op.method === "GET" ? undefined : {},
      });
      expect(res.status, route.name).toBeLessThan(500);
      for (const [name, value] of Object.entries(EXPECTED)) {
        expect(res.headers.get(name), `${route.name}: ${name}`).toBe(value);
      }
    }
  });

  it("HSTS when served over HTTPS", async () => {
    process.env.PUBLIC_URL = "https://voltasis.example";
    resetEnvForTests();
    const res = await invoke(catchAll.GET, { path: "/no-such-route" });
    expect(res.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
  });
});
