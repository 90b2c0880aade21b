import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as usageRoute from "@/app/api/v1/api-keys/[id]/usage/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as scopesRoute from "@/app/api/v1/scopes/route";
import { getDb } from "@/db";
import { nowMs, testClock } from "@/lib/clock";
import { WINDOW_MS } from "@/server/rate-limit/rate-limiter";
import { flushUsage } from "@/server/usage/flush-usage";
import { setUsageAutoFlush } from "@/server/usage/usage-recorder";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

const REFUSED = "This API key cannot be used from this IP address";

beforeAll(async () => {
  setUsageAutoFlush(false);
  await getDb();
});
afterAll(() => {
  setUsageAutoFlush(true);
  testClock.reset();
});
// Budgets are counted per window: start each test at a fresh one, so a boundary cannot interfere.
beforeEach(() => testClock.advance(WINDOW_MS - (nowMs() % WINDOW_MS) + 10));

async function me(secret: string, ip: string) {
  return invoke(meRoute.GET, { path: "/auth/me", token: secret, ip });
}

async function keyAsServed(id: string) {
  const owner = await login(DEMO.acmeOwner);
  const res = await invoke(keyRoute.GET, {
    path: `/api-keys/${id}`,
    token: owner.access_token,
    params: { id },
  });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("allowlist matching: which client addresses a restricted key works from", () => {
  it.each([
    // IPv4: one address, and the edges of two ranges.
    [["203.0.113.7"], "203.0.113.7", 200],
    [["203.0.113.7"], "203.0.113.8", 403],
    [["10.0.0.0/8"], "10.0.0.0", 200],
    [["10.0.0.0/8"], "10.255.255.255", 200],
    [["10.0.0.0/8"], "11.0.0.0", 403],
    [["10.0.0.0/8"], "9.255.255.255", 403],
    [["192.0.2.64/26"], "192.0.2.64", 200],
    [["192.0.2.64/26"], "192.0.2.127", 200],
    [["192.0.2.64/26"], "192.0.2.128", 403],
    [["192.0.2.64/26"], "192.0.2.63", 403],
    // IPv6: a range's first and last address, just outside on both sides, one address.
    [["2001:db8::/32"], "2001:db8::", 200],
    [["2001:db8::/32"], "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 200],
    [["2001:db8::/32"], "2001:db9::", 403],
    [["2001:db8::/32"], "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", 403],
    [["2001:db8::1"], "2001:DB8:0:0:0:0:0:1", 200],
    [["2001:db8::1"], "2001:db8::2", 403],
    // IPv4-mapped IPv6: the client address and the entry are both compared as the IPv4 inside.
    [["203.0.113.0/24"], "::ffff:203.0.113.9", 200],
    [["203.0.113.0/24"], "::ffff:203.0.114.9", 403],
    [["::ffff:203.0.113.9"], "203.0.113.9", 200],
    [["::ffff:203.0.113.0/120"], "203.0.113.255", 200],
    [["::ffff:203.0.113.0/120"], "203.0.114.0", 403],
    // Families never mix; several entries: any one matching is enough.
    [["0.0.0.0/0"], "2001:db8::1", 403],
    [["198.51.100.1", "2001:db8::/64"], "2001:db8::abcd", 200],
  ] as const)("allowed_ips %j, call from %s: %i", async (allowed, ip, status) => {
    const owner = await login(DEMO.acmeOwner);
    const created = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner.access_token,
      body: { name: "restricted", scopes: ["read:users"], allowed_ips: allowed },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await me(created.body.data.key, ip);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 403) {
      expect(res.body).toEqual({
        error: {
          code: "FORBIDDEN",
          message: REFUSED,
          details: { reason: "ip_not_allowed", ip: expect.any(String), hint: expect.any(String) },
        },
      });
    }
  });
});

describe("a call from outside the allowlist", () => {
  it("is a 403 naming the address, charged to the address, never a use of the key", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"], {
      allowed_ips: ["203.0.113.0/24"],
    });
    const refused = await me(secret, "2001:DB8::7");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: "FORBIDDEN",
      message: REFUSED,
      details: { reason: "ip_not_allowed", ip: "2001:db8::7", hint: expect.any(String) },
    });
    // The address's budget (100 per minute) paid for it: the key's (1000) did not.
    expect(refused.headers.get("x-ratelimit-limit")).toBe("100");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("99");
    const sameAddress = await invoke(scopesRoute.GET, { path: "/scopes", ip: "2001:db8::8" });
    expect(sameAddress.status).toBe(401);
    expect(sameAddress.headers.get("x-ratelimit-remaining")).toBe("98");

    await flushUsage();
    const served = await keyAsServed(key.id);
    expect(served.last_used_at).toBeNull();
    expect(served.last_used_ip).toBeNull();

    // From inside the range it works, on the key's full budget, and that is a use.
    const allowed = await invoke(meRoute.GET, {
      path: "/auth/me",
      token: secret,
      ip: "203.0.113.44",
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("x-ratelimit-limit")).toBe("1000");
    expect(allowed.headers.get("x-ratelimit-remaining")).toBe("999");
    await flushUsage();
    const used = await keyAsServed(key.id);
    expect(used.last_used_at).not.toBeNull();
    expect(used.last_used_ip).toBe("203.0.113.44");

    // The key's usage shows the refusal as a 403 beside the call that worked.
    const usage = await invoke(usageRoute.GET, {
      path: `/api-keys/${key.id}/usage`,
      token: secret,
      ip: "203.0.113.45",
      params: { id: key.id },
    });
    expect(usage.status).toBe(200);
    expect(usage.body.data.totals).toMatchObject({ requests: 2, "2xx": 1, "4xx": 1 });
    expect(usage.body.data.totals.by_status["403"]).toBe(1);
  });

  it("is refused even when this instance has the key verified in its cache", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      allowed_ips: ["198.51.100.10"],
    });
    expect((await me(secret, "198.51.100.10")).status).toBe(200);
    expect((await me(secret, "198.51.100.10")).status).toBe(200);
    const elsewhere = await me(secret, "198.51.100.11");
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.details).toEqual({
      reason: "ip_not_allowed",
      ip: "198.51.100.11",
      hint: expect.any(String),
    });
  });

  it("follows a PATCH of the allowlist from the next request on", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await me(secret, "192.0.2.1")).status).toBe(200);

    const restrict = await invoke(keyRoute.PATCH, {
      method: "PATCH",
      path: `/api-keys/${key.id}`,
      token: owner.access_token,
      params: { id: key.id },
      body: { allowed_ips: ["192.0.2.200"] },
    });
    expect(restrict.status, JSON.stringify(restrict.body)).toBe(200);
    expect(restrict.body.data.allowed_ips).toEqual(["192.0.2.200"]);
    expect((await me(secret, "192.0.2.1")).status).toBe(403);
    expect((await me(secret, "192.0.2.200")).status).toBe(200);

    const open = await invoke(keyRoute.PATCH, {
      method: "PATCH",
      path: `/api-keys/${key.id}`,
      token: owner.access_token,
      params: { id: key.id },
      body: { allowed_ips: [] },
    });
    expect(open.body.data.allowed_ips).toEqual([]);
    expect((await me(secret, "192.0.2.1")).status).toBe(200);
  });
});

describe("allowlist validation", () => {
  async function create(allowed: unknown) {
    const owner = await login(DEMO.acmeOwner);
    return invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner.access_token,
      body: { name: "validated", scopes: ["read:users"], allowed_ips: allowed },
    });
  }

  it("names the bad entry", async () => {
    const res = await create(["203.0.113.7", "10.0.0.300", "2001:db8::/129"]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.message).toContain("10.0.0.300");
    expect(res.body.error.details).toEqual([
      {
        field: "allowed_ips.1",
        message: '"10.0.0.300" is not an IPv4 or IPv6 address or CIDR range',
      },
      {
        field: "allowed_ips.2",
        message: '"2001:db8::/129" is not an IPv4 or IPv6 address or CIDR range',
      },
    ]);
  });

  it.each([
    ["not an array", "203.0.113.7"],
    ["a number inside", [42]],
    ["an empty entry", [""]],
    ["a host name", ["example.com"]],
    ["an overlong entry", [`${"1".repeat(5000)}.0.0.1`]],
    ["null", null],
  ])("refuses %s with a 400 naming allowed_ips", async (_, allowed) => {
    const res = await create(allowed);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toMatch(/^allowed_ips/);
  });

  it("takes 50 entries, refuses 51", async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `192.0.2.${i + 1}`);
    expect((await create(fifty)).status).toBe(201);
    const res = await create([...fifty, "192.0.2.51"]);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: "allowed_ips", message: "allowed_ips takes at most 50 entries" },
    ]);
  });

  it("stores entries normalized, duplicates collapsed", async () => {
    const res = await create([
      "203.0.113.7",
      "203.0.113.7/32",
      "::ffff:203.0.113.7",
      "10.9.8.7/8",
      "10.0.0.0/8",
      "2001:0DB8:0000::1",
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.allowed_ips).toEqual(["203.0.113.7", "10.0.0.0/8", "2001:db8::1"]);
    const served = await keyAsServed(res.body.data.id);
    expect(served.allowed_ips).toEqual(["203.0.113.7", "10.0.0.0/8", "2001:db8::1"]);
  });

  it("keeps an absent or empty list open to every address", async () => {
    for (const allowed of [undefined, []]) {
      const res = await create(allowed);
      expect(res.status).toBe(201);
      expect(res.body.data.allowed_ips).toEqual([]);
      expect((await me(res.body.data.key, "2001:db8::99")).status).toBe(200);
    }
  });
});
