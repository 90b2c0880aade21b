import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/v1/api-keys/[id]/audit-log/route";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { flushUsage } from "@/server/usage/flush-usage";
import { recordUsage, setUsageAutoFlush } from "@/server/usage/usage-recorder";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  setUsageAutoFlush(false);
  await getDb();
});
afterAll(() => setUsageAutoFlush(true));

async function patch(token: string, id: string, body: unknown) {
  return invoke(keyRoute.PATCH, {
    method: "PATCH",
    path: `/api-keys/${id}`,
    token,
    params: { id },
    body,
  });
}

async function detail(token: string, id: string) {
  return invoke(keyRoute.GET, { path: `/api-keys/${id}`, token, params: { id } });
}

async function auditOf(token: string, id: string) {
  const res = await invoke(auditRoute.GET, {
    path: `/api-keys/${id}/audit-log`,
    token,
    params: { id },
  });
  expect(res.status).toBe(200);
  return res.body.data as { action: string; metadata: Record<string, unknown> }[];
}

describe("PATCH /api-keys/{id}", () => {
  it("shrinks scopes in place, and the key loses them on its next request", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", [
      "read:users",
      "read:time-entries",
      "write:time-entries",
    ]);
    expect((await invoke(usersRoute.GET, { path: "/users", token: secret })).status).toBe(200);

    const res = await patch(owner.access_token, key.id, { scopes: ["read:time-entries"] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.scopes).toEqual(["read:time-entries"]);
    const me = await invoke(meRoute.GET, { path: "/auth/me", token: secret });
    expect(me.body.data.scopes).toEqual(["read:time-entries"]);
    expect((await invoke(usersRoute.GET, { path: "/users", token: secret })).status).toBe(403);
  });

  it("refuses to widen scopes with a 400 naming the scopes that would widen", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await patch(owner.access_token, key.id, {
      scopes: ["read:users", "write:users", "read:api-keys"],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.message).toContain("write:users, read:api-keys");
    expect(res.body.error.details).toEqual([
      {
        field: "scopes",
        message: "write:users, read:api-keys would widen this key; scopes can only be removed",
      },
    ]);
    expect((await detail(owner.access_token, key.id)).body.data.scopes).toEqual(["read:users"]);
  });

  it.each([
    ["an empty body", {}],
    ["no scopes", { scopes: [] }],
    ["an unknown scope", { scopes: ["read:everything"] }],
    ["an empty name", { name: " " }],
  ])("answers %s with a 400", async (_, body) => {
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await patch(owner.access_token, key.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("audits every change with its before and after values, once per request", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users", "read:api-keys"], {
      name: "before",
    });
    const res = await patch(owner.access_token, key.id, {
      name: "after",
      allowed_ips: ["203.0.113.9/24"],
      rate_limit_per_minute: 50,
      scopes: ["read:users"],
    });
    expect(res.status).toBe(200);
    // The same values again change nothing and write nothing.
    const again = await patch(owner.access_token, key.id, {
      name: "after",
      allowed_ips: ["203.0.113.0/24"],
      rate_limit_per_minute: 50,
    });
    expect(again.status).toBe(200);

    const updates = (await auditOf(owner.access_token, key.id)).filter(
      (e) => e.action === "api_key.updated",
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]?.metadata).toEqual({
      changes: {
        name: { from: "before", to: "after" },
        allowed_ips: { from: [], to: ["203.0.113.0/24"] },
        rate_limit_per_minute: { from: null, to: 50 },
        scopes: { from: ["read:users", "read:api-keys"], to: ["read:users"] },
      },
    });
  });

  it("lets a member change their own key but not another member's", async () => {
    const member = await makeUser("acme", "member");
    const other = await makeUser("acme", "member");
    const memberToken = (await login(member.email)).access_token;
    const otherToken = (await login(other.email)).access_token;
    const created = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: memberToken,
      body: { name: "mine", scopes: ["read:users"] },
    });
    const id = created.body.data.id as string;
    expect((await patch(memberToken, id, { rate_limit_per_minute: 10 })).status).toBe(200);
    const denied = await patch(otherToken, id, { allowed_ips: ["203.0.113.1"] });
    expect(denied.status).toBe(403);
    expect((await detail(memberToken, id)).body.data.allowed_ips).toEqual([]);
  });

  it("never reaches another organization's key (403, nothing revealed, nothing changed)", async () => {
    const globex = await login(DEMO.globexOwner);
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await patch(globex.access_token, key.id, {
      allowed_ips: ["0.0.0.0/0"],
      rate_limit_per_minute: 10_000,
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: {
        code: "FORBIDDEN",
        message: "Insufficient permissions for this resource",
        details: { reason: "organization_not_allowed", hint: expect.any(String) },
      },
    });
    const read = await detail(globex.access_token, key.id);
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain("scopes_used_30d");
    const unchanged = await detail(owner.access_token, key.id);
    expect(unchanged.body.data).toMatchObject({ allowed_ips: [], rate_limit_per_minute: null });
    const missing = await patch(globex.access_token, "key_doesnotexist0000000", { name: "x" });
    expect(missing.status).toBe(404);
  });

  it("two concurrent shrinks: one wins, the other would now widen and is refused", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", [
      "read:users",
      "read:time-entries",
      "write:time-entries",
    ]);
    const results = await Promise.all([
      patch(owner.access_token, key.id, { scopes: ["read:users", "read:time-entries"] }),
      patch(owner.access_token, key.id, { scopes: ["read:time-entries", "write:time-entries"] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = results.find((r) => r.status === 200);
    const now = await detail(owner.access_token, key.id);
    expect(now.body.data.scopes).toEqual(winner?.body.data.scopes);
    const updates = (await auditOf(owner.access_token, key.id)).filter(
      (e) => e.action === "api_key.updated",
    );
    expect(updates).toHaveLength(1);
  });

  it("keeps the allowlist and limit across a rotation", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      allowed_ips: ["203.0.113.0/24"],
      rate_limit_per_minute: 42,
    });
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/rotate`,
      token: owner.access_token,
      params: { id: key.id },
      body: {},
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data).toMatchObject({
      allowed_ips: ["203.0.113.0/24"],
      rate_limit_per_minute: 42,
    });
    const refused = await invoke(meRoute.GET, {
      path: "/auth/me",
      token: rotated.body.data.key,
      ip: "198.51.100.1",
    });
    expect(refused.status).toBe(403);
  });
});

describe("GET /api-keys/{id}: scopes_used_30d", () => {
  it("lists the scopes the key used in 30 days, after calls on two routes", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", [
      "read:users",
      "read:time-entries",
      "write:time-entries",
      "read:api-keys",
    ]);
    const young = await detail(owner.access_token, key.id);
    expect(young.body.data.scopes_used_30d).toEqual([]);
    // Watched since it was made: the dashboard holds its advice for the first 7 days.
    expect(young.body.data.scopes_observed_since).toBe(key.created_at);

    expect((await invoke(usersRoute.GET, { path: "/users", token: secret })).status).toBe(200);
    const entries = await invoke(timeEntriesRoute.GET, { path: "/time-entries", token: secret });
    expect(entries.status).toBe(200);
    // Older than 30 days: does not count. /auth/me needs no scope: neither does it.
    recordUsage({
      tokenId: key.id,
      organizationId: await orgId("acme"),
      route: "/time-entries",
      method: "POST",
      status: 201,
      latencyMs: 3,
      at: new Date(Date.now() - 31 * DAY),
    });
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(200);
    await flushUsage();

    const res = await detail(owner.access_token, key.id);
    expect(res.status).toBe(200);
    expect(res.body.data.scopes_used_30d).toEqual(["read:users", "read:time-entries"]);
    expect(res.body.data.scopes).toEqual([
      "read:users",
      "read:time-entries",
      "write:time-entries",
      "read:api-keys",
    ]);

    // Shrinking down to the used scopes, as the dashboard's hint does.
    const shrunk = await patch(owner.access_token, key.id, {
      scopes: res.body.data.scopes_used_30d,
    });
    expect(shrunk.status).toBe(200);
    const after = await detail(owner.access_token, key.id);
    expect(after.body.data.scopes).toEqual(["read:users", "read:time-entries"]);
    expect(after.body.data.scopes_used_30d).toEqual(["read:users", "read:time-entries"]);
  });

  it("does not count refused calls, and follows the key across a rotation", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key, secret } = await createKey(
      DEMO.acmeOwner,
      "acme",
      ["read:users", "read:api-keys"],
      {
        allowed_ips: ["203.0.113.0/24"],
      },
    );
    // Refused for its address: not a use of read:users.
    expect((await invoke(usersRoute.GET, { path: "/users", token: secret })).status).toBe(403);
    const used = await invoke(keysRoute.GET, {
      path: "/api-keys",
      token: secret,
      ip: "203.0.113.3",
    });
    expect(used.status).toBe(200);
    await flushUsage();
    expect((await detail(owner.access_token, key.id)).body.data.scopes_used_30d).toEqual([
      "read:api-keys",
    ]);

    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/rotate`,
      token: owner.access_token,
      params: { id: key.id },
      body: {},
    });
    const fresh = await detail(owner.access_token, rotated.body.data.id);
    expect(fresh.body.data.scopes_used_30d).toEqual(["read:api-keys"]);
    // The new secret inherits the watch: it has been observed since the first key was made.
    expect(rotated.body.data.created_at).not.toBe(key.created_at);
    expect(fresh.body.data.scopes_observed_since).toBe(key.created_at);
  });

  it("counts only 2xx answers: a 404 or a 400 on a route used no permission", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", [
      "read:users",
      "write:time-entries",
    ]);
    const missing = "usr_00000000000000000000";
    const notFound = await invoke(userRoute.GET, {
      path: `/users/${missing}`,
      token: secret,
      params: { id: missing },
    });
    expect(notFound.status).toBe(404);
    const invalid = await invoke(timeEntriesRoute.POST, {
      method: "POST",
      path: "/time-entries",
      token: secret,
      body: { minutes: "not a number" },
    });
    expect(invalid.status).toBe(400);
    await flushUsage();
    const young = await detail(owner.access_token, key.id);
    expect(young.body.data.scopes_used_30d).toEqual([]);
    // Watched since it was made: the dashboard holds its advice for the first 7 days.
    expect(young.body.data.scopes_observed_since).toBe(key.created_at);

    expect((await invoke(usersRoute.GET, { path: "/users", token: secret })).status).toBe(200);
    await flushUsage();
    expect((await detail(owner.access_token, key.id)).body.data.scopes_used_30d).toEqual([
      "read:users",
    ]);
  });
});

describe("GET /api-keys?status=expiring", () => {
  it("lists the working keys that expire within 7 days; expiring_soon still works", async () => {
    const owner = await makeUser("acme", "owner");
    const token = (await login(owner.email)).access_token;
    const make = async (name: string, expiresInMs: number | null) => {
      const res = await invoke(keysRoute.POST, {
        method: "POST",
        path: "/api-keys",
        token,
        body: {
          name,
          scopes: ["read:users"],
          expires_at:
            expiresInMs === null ? null : new Date(Date.now() + expiresInMs).toISOString(),
        },
      });
      expect(res.status).toBe(201);
      return res.body.data.id as string;
    };
    await make("in 3 days", 3 * DAY);
    await make("in 6 days 23 hours", 7 * DAY - 3_600_000);
    await make("in 8 days", 8 * DAY);
    await make("never", null);
    const revoked = await make("in 2 days, revoked", 2 * DAY);
    const revoke = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${revoked}`,
      token,
      params: { id: revoked },
    });
    expect(revoke.status).toBe(200);

    for (const status of ["expiring", "expiring_soon"]) {
      const res = await invoke(keysRoute.GET, {
        path: `/api-keys?status=${status}&created_by=${owner.id}`,
        token,
      });
      expect(res.status).toBe(200);
      expect(res.body.data.map((k: { name: string }) => k.name)).toEqual([
        "in 6 days 23 hours",
        "in 3 days",
      ]);
      for (const k of res.body.data) expect(k.status).toBe("expiring_soon");
    }
    const bad = await invoke(keysRoute.GET, { path: "/api-keys?status=soon", token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toEqual({
      field: "status",
      message:
        "status must be all, or a comma-separated list of active, expiring, pending, expired, revoked",
    });
  });
});
