import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as logRoute from "@/app/api/v1/request-logs/[request_id]/route";
import * as logsRoute from "@/app/api/v1/request-logs/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { requestLogs } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { setRequestLogAutoFlush } from "@/server/request-logs/record-request";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { makeUser } from "@/tests/helpers/tokens";

// Every request made with a credential we know is in the log: its answer, who made it, from
// where, never its body. Owners and admins read the organization's; a member reads their own.
beforeAll(async () => {
  await getDb();
  // Each read writes the buffer first; the timer would only race the assertions.
  setRequestLogAutoFlush(false);
});

const listUsers = (token: string, headers: Record<string, string> = {}) =>
  invoke(usersRoute.GET, { path: "/users", token, headers });
const logs = (token: string, query = "") =>
  invoke(logsRoute.GET, { path: `/request-logs${query}`, token });
const entry = (token: string, requestId: string) =>
  invoke(logRoute.GET, {
    path: `/request-logs/${requestId}`,
    token,
    params: { request_id: requestId },
  });

describe("the request log", () => {
  it("records a call with its request id, route, status, latency, address and agent", async () => {
    const { secret, key } = await createKey(DEMO.acmeOwner, "acme", [
      "read:users",
      "read:api-keys",
    ]);
    const call = await invoke(usersRoute.GET, {
      path: "/users?limit=2",
      token: secret,
      ip: "203.0.113.44",
      headers: { "user-agent": "curl/8.5.0" },
    });
    expect(call.status).toBe(200);
    const requestId = call.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(/^req_[0-9A-Za-z]{20}$/);

    const one = await entry(secret, requestId);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.data).toMatchObject({
      request_id: requestId,
      method: "GET",
      route: "/users",
      path: "/api/v1/users",
      status: 200,
      error_code: null,
      reason: null,
      hint: null,
      ip: "203.0.113.44",
      user_agent: "curl/8.5.0",
      credential: { type: "api_key", id: key.id },
    });
    expect(one.body.data.latency_ms).toBeGreaterThan(0);
    expect(JSON.stringify(one.body)).not.toContain(secret);

    const page = await logs(secret, `?key_id=${key.id}`);
    expect(page.status).toBe(200);
    expect(page.body.data.map((e: { request_id: string }) => e.request_id)).toContain(requestId);
  });

  it("records refusals of a key it knows: a missing scope, a revoked key, with what to do", async () => {
    const { secret, key } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const refused = await listUsers(secret);
    expect(refused.status).toBe(403);
    const forbidden = await entry(secret, refused.headers.get("x-request-id") ?? "");
    expect(forbidden.body.data).toMatchObject({
      status: 403,
      error_code: "FORBIDDEN",
      reason: "missing_scope",
    });
    expect(forbidden.body.data.hint).toMatch(/scope/);

    // Revoked: its next call is a 401 the owner can find under the key.
    const admin = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys", "write:api-keys"]);
    const revoke = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${key.id}`,
      token: admin.secret,
      params: { id: key.id },
    });
    expect(revoke.status).toBe(200);
    const after = await listUsers(secret);
    expect(after.status).toBe(401);
    const page = await logs(admin.secret, `?key_id=${key.id}&status=401`);
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.data[0]).toMatchObject({
      request_id: after.headers.get("x-request-id"),
      error_code: "UNAUTHORIZED",
      reason: "revoked",
    });
    expect(page.body.data[0].hint).toMatch(/revoked/);
  });

  it("records a key used from outside its allowlist, and after it expired", async () => {
    const reader = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const fenced = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      allowed_ips: ["192.0.2.0/24"],
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const outside = await invoke(usersRoute.GET, {
      path: "/users",
      token: fenced.secret,
      ip: "203.0.113.9",
    });
    expect(outside.status).toBe(403);
    testClock.advance(2 * 3_600_000);
    let expired: Awaited<ReturnType<typeof invoke>>;
    try {
      expired = await invoke(usersRoute.GET, {
        path: "/users",
        token: fenced.secret,
        ip: "192.0.2.7",
      });
    } finally {
      testClock.reset();
    }
    expect(expired.status).toBe(401);
    const page = await logs(reader.secret, `?key_id=${fenced.key.id}`);
    expect(
      page.body.data.map((e: { status: number; reason: string; ip: string }) => [
        e.status,
        e.reason,
        e.ip,
      ]),
    ).toEqual([
      [401, "expired", "192.0.2.7"],
      [403, "ip_not_allowed", "203.0.113.9"],
    ]);
  });

  it("does not record tokens it cannot attribute (unknown, malformed)", async () => {
    const before = await countRows();
    expect((await listUsers("vlt_test_notarealkeyatall0000000000000000")).status).toBe(401);
    expect((await invoke(usersRoute.GET, { path: "/users" })).status).toBe(401);
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    await logs(secret, "?limit=1");
    // The one read above is the only new row.
    expect(await countRows()).toBe(before + 1);
  });

  it("keeps at most 1,000 characters of a path and 512 of a user agent, and never the query", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users", "read:api-keys"]);
    const long = "x".repeat(5_000);
    const call = await invoke(usersRoute.GET, {
      path: `/users?limit=1&secret=${long}`,
      token: secret,
      headers: { "user-agent": `agent ${long}` },
    });
    expect(call.status).toBe(200);
    const one = await entry(secret, call.headers.get("x-request-id") ?? "");
    expect(one.body.data.path).toBe("/api/v1/users");
    expect(one.body.data.user_agent).toHaveLength(512);
  });

  it("filters by status class, route and time, and pages with cursors", async () => {
    const { secret, key } = await createKey(DEMO.acmeOwner, "acme", [
      "read:users",
      "read:api-keys",
    ]);
    for (let i = 0; i < 3; i++) expect((await listUsers(secret)).status).toBe(200);
    const missing = await invoke(keyRoute.GET, {
      path: "/api-keys/key_doesnotexist00000000",
      token: secret,
      params: { id: "key_doesnotexist00000000" },
    });
    expect(missing.status).toBe(404);

    const fours = await logs(secret, `?key_id=${key.id}&status=4xx`);
    expect(fours.body.data.map((e: { status: number }) => e.status)).toEqual([404]);
    const users = await logs(secret, `?key_id=${key.id}&route=/api/v1/users`);
    expect(users.body.data).toHaveLength(3);
    const future = await logs(secret, `?key_id=${key.id}&from=2999-01-01`);
    expect(future.body.data).toEqual([]);

    const first = await logs(secret, `?key_id=${key.id}&limit=2`);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await logs(secret, `?key_id=${key.id}&limit=2&cursor=${first.body.next_cursor}`);
    const ids = [...first.body.data, ...second.body.data].map(
      (e: { request_id: string }) => e.request_id,
    );
    expect(new Set(ids).size).toBe(ids.length);
    // Newest first, without gaps: four calls, then the first list call itself.
    expect(second.body.data.length).toBeGreaterThanOrEqual(2);
  });

  it("answers bad filters with 400 and the field", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    for (const [query, field] of [
      ["?status=2x", "status"],
      ["?status=600", "status"],
      ["?key_id=nope", "key_id"],
      ["?from=yesterday", "from"],
      ["?cursor=abc", "cursor"],
      ["?limit=0", "limit"],
    ] as const) {
      const res = await logs(secret, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
      expect(JSON.stringify(res.body.error.details), query).toContain(field);
    }
  });

  it("shows a member only their own credentials' requests; owners the organization's", async () => {
    const member = await makeUser("acme", "member");
    const mine = await createKey(member.email, "acme", ["read:api-keys"]);
    const owner = await createKey(DEMO.acmeOwner, "acme", ["read:users", "read:api-keys"]);
    const ownerCall = await listUsers(owner.secret);
    const memberCall = await invoke(keysRoute.GET, { path: "/api-keys", token: mine.secret });
    expect(memberCall.status).toBe(200);

    const seen = await logs(mine.secret, "?limit=100");
    const credentials = new Set(
      seen.body.data.map((e: { credential: { id: string } }) => e.credential.id),
    );
    expect([...credentials]).toEqual([mine.key.id]);
    expect((await entry(mine.secret, ownerCall.headers.get("x-request-id") ?? "")).status).toBe(
      404,
    );

    const all = await logs(owner.secret, `?key_id=${mine.key.id}`);
    expect(all.body.data.map((e: { request_id: string }) => e.request_id)).toContain(
      memberCall.headers.get("x-request-id"),
    );
  });

  it("keeps organizations apart: another's request is a 403, an unknown id a 404", async () => {
    const acme = await createKey(DEMO.acmeOwner, "acme", ["read:users", "read:api-keys"]);
    const globex = await createKey(DEMO.globexOwner, "globex", ["read:api-keys"]);
    const call = await listUsers(acme.secret);
    const requestId = call.headers.get("x-request-id") ?? "";
    const foreign = await entry(globex.secret, requestId);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.details.reason).toBe("organization_not_allowed");
    expect(JSON.stringify(foreign.body)).not.toContain("/users");
    expect((await entry(globex.secret, "req_00000000000000000000")).status).toBe(404);
    expect((await entry(globex.secret, "not-an-id")).status).toBe(404);
    const theirs = await logs(globex.secret, `?key_id=${acme.key.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data).toEqual([]);
  });

  it("files each day in its own partition, and retention drops whole days", async () => {
    const db = await getDb();
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users", "read:api-keys"]);
    testClock.advance(-40 * 86_400_000);
    try {
      expect((await listUsers(secret)).status).toBe(200);
      await logs(secret, "?limit=1");
    } finally {
      testClock.reset();
    }
    const oldDay = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const partition = `request_logs_p${oldDay.replaceAll("-", "")}`;
    expect(await partitions()).toContain(partition);
    const { runMaintenance } = await import("@/server/maintenance/run-maintenance");
    const report = await runMaintenance();
    expect(report.requestLogDaysDropped).toBeGreaterThanOrEqual(1);
    expect(await partitions()).not.toContain(partition);
    const today = `request_logs_p${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`;
    expect(await partitions()).toContain(today);
    // The old day's rows went with it; today's stayed.
    const [{ n } = { n: 0 }] = (await db
      .select({ n: sql<number>`count(*)::int` })
      .from(requestLogs)
      .where(sql`created_at < now() - interval '35 days'`)) as { n: number }[];
    expect(n).toBe(0);
  });
});

async function countRows(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(requestLogs);
  return row?.n ?? 0;
}

async function partitions(): Promise<string[]> {
  const db = await getDb();
  const result = (await db.execute(sql`select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'request_logs'`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}
