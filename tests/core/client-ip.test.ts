import { count, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { apiKeys, auditLogs, memberships } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import { addressBudgetKey, clientIp } from "@/server/core/client-ip";
import { closeRateLimiter } from "@/server/rate-limit/consume";
import { generateToken } from "@/server/tokens/format";
import { createKey, DEMO, orgId, userId } from "../helpers/fixtures";
import { invoke } from "../helpers/invoke";
import { login, makeUser } from "../helpers/tokens";

beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  testClock.reset();
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
});

describe("a rotated key keeps its owner", () => {
  it("an owner rotating a member's key: the new key still acts as the member, who still sees it", async () => {
    const member = await makeUser("acme", "member");
    const { key } = await createKey(member.email, "acme", ["read:users", "read:api-keys"]);
    const owner = await login(DEMO.acmeOwner);

    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/rotate`,
      token: owner.access_token,
      params: { id: key.id },
    });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const fresh = rotated.body.data;
    expect(fresh.created_by).toBe(member.id);
    expect(fresh.scopes).toEqual(["read:users", "read:api-keys"]);

    const me = await invoke(meRoute.GET, { path: "/auth/me", token: fresh.key });
    expect(me.body.data.email).toBe(member.email);

    const memberLogin = await login(member.email);
    const list = await invoke(keysRoute.GET, {
      path: "/api-keys",
      token: memberLogin.access_token,
    });
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(fresh.id);

    // The rotation is the owner's act: the audit trail names them, not the member.
    const db = await getDb();
    const rotations = await db
      .select({ actor: auditLogs.actorUserId, action: auditLogs.action })
      .from(auditLogs)
      .where(eq(auditLogs.targetId, key.id));
    expect(rotations.find((a) => a.action === "api_key.rotated")?.actor).toBe(
      await userId(DEMO.acmeOwner),
    );
  });

  it("a rotation is capped by the owner's current role", async () => {
    const admin = await makeUser("acme", "admin");
    const { key } = await createKey(admin.email, "acme", ["read:users", "write:users"]);
    const db = await getDb();
    await db.update(memberships).set({ role: "member" }).where(eq(memberships.userId, admin.id));
    const owner = await login(DEMO.acmeOwner);
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/rotate`,
      token: owner.access_token,
      params: { id: key.id },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.scopes).toEqual(["read:users"]);
  });

  it("a key whose owner left cannot be rotated into someone else's hands", async () => {
    const leaver = await makeUser("acme", "member");
    const { key } = await createKey(leaver.email, "acme", ["read:users"]);
    const db = await getDb();
    await db.delete(memberships).where(eq(memberships.userId, leaver.id));
    const owner = await login(DEMO.acmeOwner);
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/rotate`,
      token: owner.access_token,
      params: { id: key.id },
    });
    expect(rotated.status).toBe(409);
    const [row] = await db
      .select({ n: count() })
      .from(apiKeys)
      .where(eq(apiKeys.rotatedFromId, key.id));
    expect(row?.n).toBe(0);
  });
});

describe("deeply nested JSON is a quick 400, never a 500", () => {
  const shapes = [
    ["arrays", (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`],
    ["objects", (d: number) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`],
  ] as const;
  for (const depth of [100, 5_000, 30_000]) {
    for (const [name, make] of shapes) {
      const rawBody = make(depth);
      if (rawBody.length > 64 * 1024) continue;
      it(`${name} ${depth} deep to /auth/token and /api-keys`, async () => {
        const owner = await login(DEMO.acmeOwner);
        for (const [handler, path, token] of [
          [tokenRoute.POST, "/auth/token", undefined],
          [keysRoute.POST, "/api-keys", owner.access_token],
        ] as const) {
          const res = await invoke(handler, {
            method: "POST",
            path,
            token,
            rawBody,
            headers: { "content-type": "application/json" },
          });
          expect(res.status, path).toBe(400);
          expect(res.body.error.code).toBe("VALIDATION_ERROR");
          expect(res.body.error.message).toMatch(/nests deeper than 64/);
        }
      });
    }
  }

  it("nesting inside strings does not count", async () => {
    const owner = await login(DEMO.acmeOwner);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner.access_token,
      body: { name: `${"[{".repeat(40)}\\"`, scopes: ["read:users"] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});

describe("the client address behind proxies", () => {
  function headers(xff: string, socket = "203.0.113.9") {
    return new Headers({ "x-forwarded-for": xff, "x-voltasis-client-ip": socket });
  }
  function withTrustProxy(value: string | undefined) {
    if (value === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = value;
    resetEnvForTests();
  }

  it.each([
    // [TRUST_PROXY, X-Forwarded-For, expected]
    [undefined, "1.1.1.1", "203.0.113.9"],
    ["0", "1.1.1.1", "203.0.113.9"],
    ["1", "6.6.6.6, 192.0.2.1", "192.0.2.1"],
    ["true", "6.6.6.6, 192.0.2.1", "192.0.2.1"],
    ["2", "6.6.6.6, 192.0.2.1, 10.0.0.2", "192.0.2.1"],
    ["1", "not-an-ip", "203.0.113.9"],
    ["1", "6.6.6.6, 192.0.2.1:8080", "203.0.113.9"],
    ["3", "192.0.2.1, 10.0.0.2", "203.0.113.9"],
    ["1", "::ffff:192.0.2.7", "192.0.2.7"],
    ["1", "2001:DB8::1", "2001:db8::1"],
  ])("TRUST_PROXY=%s, X-Forwarded-For %s -> %s", (trust, xff, expected) => {
    withTrustProxy(trust);
    expect(clientIp(headers(xff))).toBe(expected);
  });

  it("a client writing its own X-Forwarded-For cannot escape the unauthenticated budget", async () => {
    withTrustProxy("1");
    await closeRateLimiter();
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      const res = await invoke(usersRoute.GET, {
        path: "/users",
        ip: "203.0.113.50",
        // What nginx sends: whatever the client wrote, then the address it saw.
        headers: { "x-forwarded-for": `10.9.${i}.1, 192.0.2.200` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses[100]).toBe(429);
  });
});

describe("IPv6 clients share one budget per /64", () => {
  it("groups by /64", () => {
    expect(addressBudgetKey("2001:db8:1:2:aaaa::1")).toBe(addressBudgetKey("2001:db8:1:2::ffff"));
    expect(addressBudgetKey("2001:db8:1:2::1")).not.toBe(addressBudgetKey("2001:db8:1:3::1"));
    expect(addressBudgetKey("192.0.2.1")).toBe("192.0.2.1");
  });

  it("rotating through one /64 does not reset the unauthenticated budget", async () => {
    await closeRateLimiter();
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      const res = await invoke(usersRoute.GET, {
        path: "/users",
        ip: `2001:db8:77:1:${(i + 1).toString(16)}::1`,
      });
      statuses.push(res.status);
    }
    expect(statuses[100]).toBe(429);
    const neighbour = await invoke(usersRoute.GET, { path: "/users", ip: "2001:db8:77:2::1" });
    expect(neighbour.status).toBe(401);
  });
});

describe("a spent address gets 429 before any token work", () => {
  it("valid-looking random tokens are refused without a lookup once the budget is gone", async () => {
    await closeRateLimiter();
    const ip = "192.0.2.77";
    const { secret: inUse } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await invoke(usersRoute.GET, { path: "/users", ip, token: inUse })).status).toBe(200);
    for (let i = 0; i < 101; i++) {
      const res = await invoke(usersRoute.GET, {
        path: "/users",
        ip,
        token: generateToken("test"),
      });
      expect(res.status).toBe(i < 100 ? 401 : 429);
    }
    // Unknown to this instance: answered 429 from memory, no lookup (a real key fares the same).
    const { secret: cold } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const refused = await invoke(usersRoute.GET, { path: "/users", ip, token: cold });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(refused.headers.get("x-ratelimit-limit")).toBe("100");
    // The key already in use from behind that address keeps working; other addresses too.
    expect((await invoke(usersRoute.GET, { path: "/users", ip, token: inUse })).status).toBe(200);
    expect((await invoke(usersRoute.GET, { path: "/users", token: cold })).status).toBe(200);
  });

  it("a refused override (wrong scope) writes no audit row", async () => {
    const admin = await login(DEMO.admin);
    const globex = await orgId("globex");
    const db = await getDb();
    const before = await db
      .select({ n: count() })
      .from(auditLogs)
      .where(eq(auditLogs.action, "organization.override"));
    // A platform admin's key may enter Globex, but without read:api-keys the scope check fails.
    const { secret } = await createKey(DEMO.admin, "acme", ["admin:organizations", "read:users"]);
    const refused = await invoke(keysRoute.GET, {
      path: "/api-keys",
      token: secret,
      headers: { "x-organization-id": globex },
    });
    expect(refused.status).toBe(403);
    const middle = await db
      .select({ n: count() })
      .from(auditLogs)
      .where(eq(auditLogs.action, "organization.override"));
    expect(middle[0]?.n).toBe(before[0]?.n);
    const allowed = await invoke(usersRoute.GET, {
      path: "/users",
      token: admin.access_token,
      headers: { "x-organization-id": globex },
    });
    expect(allowed.status).toBe(200);
    const after = await db
      .select({ n: count() })
      .from(auditLogs)
      .where(eq(auditLogs.action, "organization.override"));
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 1);
  });
});

describe("expires_at must be in the future", () => {
  it("the guide's 2024 date is a 400 that names it", async () => {
    const owner = await login(DEMO.acmeOwner);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner.access_token,
      body: { name: "CI", scopes: ["read:users"], expires_at: "2024-12-31T23:59:59Z" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.message).toContain("2024-12-31T23:59:59Z");
    expect(res.body.error.message).toMatch(/future/);
    expect(res.body.error.details).toEqual([{ field: "expires_at", message: expect.any(String) }]);
  });

  it("a future date is accepted", async () => {
    const owner = await login(DEMO.acmeOwner);
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner.access_token,
      body: { name: "CI", scopes: ["read:users"], expires_at: expires },
    });
    expect(res.status).toBe(201);
    expect(new Date(res.body.data.expires_at).toISOString()).toBe(expires);
    // Still readable afterwards by id.
    const one = await invoke(keyRoute.GET, {
      path: `/api-keys/${res.body.data.id}`,
      token: owner.access_token,
      params: { id: res.body.data.id },
    });
    expect(one.status).toBe(200);
  });
});
