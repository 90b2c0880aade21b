import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { apiKeys, memberships, organizations, timeEntries, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { newId, randomBase62 } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import { ENTITLEMENTS } from "@/lib/plans";
import type { Role } from "@/lib/roles";
import type { Scope } from "@/lib/scopes";
import type { RouteHandler } from "@/server/http/with-api";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});

let passwordHash: string | undefined;

/** A user of this test's own, with the demo password, in the given organization. */
async function addUser(organizationId: string, role: Role) {
  const db = await getDb();
  passwordHash ??= await hashPassword(DEMO_PASSWORD);
  const id = newId("usr");
  const email = `${id.toLowerCase()}@example.test`;
  await db.insert(users).values({ id, email, name: `User ${id.slice(-6)}`, passwordHash });
  await db.insert(memberships).values({ userId: id, organizationId, role });
  const { access_token } = await login(email, organizationId);
  return { id, email, token: access_token };
}

/** An organization of this test's own, with an owner signed in: its lists hold only our rows. */
async function makeOrganization() {
  const db = await getDb();
  const id = newId("org");
  await db
    .insert(organizations)
    .values({ id, name: `Org ${id.slice(-6)}`, slug: id.toLowerCase() });
  const owner = await addUser(id, "owner");
  return { id, owner };
}

/** A key row written straight to the table (the cap and tie tests need many, fast). */
function keyRow(organizationId: string, createdBy: string, fields: Record<string, unknown> = {}) {
  const secret = `vlt_test_${randomBase62(40)}`;
  return {
    id: newId("key"),
    organizationId,
    createdBy,
    name: `bulk ${secret.slice(-6)}`,
    environment: "test" as const,
    secretHash: createHash("sha256").update(secret).digest("hex"),
    prefix: secret.slice(0, 13),
    last4: secret.slice(-4),
    scopes: ["read:users"] satisfies Scope[],
    ...fields,
  };
}

const get = (handler: RouteHandler, path: string, token: string) =>
  invoke(handler, { path, token });

/** Follows next_cursor from the first page to the last, and returns every page's ids. */
async function pageThrough(handler: RouteHandler, base: string, token: string) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  const sep = base.includes("?") ? "&" : "?";
  do {
    const path: string = cursor ? `${base}${sep}cursor=${encodeURIComponent(cursor)}` : base;
    const res = await get(handler, path, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["data", "next_cursor"]);
    pages.push(res.body.data.map((item: { id: string }) => item.id));
    cursor = res.body.next_cursor;
    expect(pages.length).toBeLessThan(50);
  } while (cursor !== null);
  return pages;
}

async function createKeyViaApi(token: string, name: string, scopes = ["read:users"]) {
  const res = await invoke(keysRoute.POST, {
    method: "POST",
    path: "/api-keys",
    token,
    body: { name, scopes },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; name: string; prefix: string; key: string };
}

describe("GET /api-keys pages newest first", () => {
  it("serves 7 keys as 3, 3 and 1 with no duplicate, no gap and a null cursor at the end", async () => {
    const org = await makeOrganization();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await createKeyViaApi(org.owner.token, `key ${i}`)).id);

    const pages = await pageThrough(keysRoute.GET, "/api-keys?limit=3", org.owner.token);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual([...made].reverse());

    const all = await get(keysRoute.GET, "/api-keys", org.owner.token);
    expect(all.body.data).toHaveLength(7);
    expect(all.body.next_cursor).toBeNull();
  });

  it("keeps rows created in the same microsecond apart by their id", async () => {
    const org = await makeOrganization();
    const db = await getDb();
    const rows = Array.from({ length: 7 }, () =>
      keyRow(org.id, org.owner.id, { createdAt: sql`'2031-05-01T10:00:00.123456Z'::timestamptz` }),
    );
    await db.insert(apiKeys).values(rows);
    const pages = await pageThrough(keysRoute.GET, "/api-keys?limit=3", org.owner.token);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(
      rows
        .map((r) => r.id)
        .sort()
        .reverse(),
    );
  });

  it("keeps rows a microsecond apart in order (a cursor rounded to milliseconds would skip them)", async () => {
    const org = await makeOrganization();
    const db = await getDb();
    // Same millisecond, different microseconds; ids chosen so that the id order disagrees.
    const stamps = ["123999", "123900", "123500", "123400", "123001", "123000"];
    const rows = stamps.map((micros, i) =>
      keyRow(org.id, org.owner.id, {
        id: `key_${String.fromCharCode(65 + i).repeat(20)}`,
        createdAt: sql.raw(`'2031-05-02T10:00:00.${micros}Z'::timestamptz`),
      }),
    );
    await db.insert(apiKeys).values(rows);
    for (const limit of [1, 2, 4]) {
      const pages = await pageThrough(keysRoute.GET, `/api-keys?limit=${limit}`, org.owner.token);
      expect(pages.flat()).toEqual(rows.map((r) => r.id));
    }
  });
});

describe("GET /time-entries and GET /users page too", () => {
  it("pages time entries, including entries recorded in the same instant", async () => {
    const org = await makeOrganization();
    const db = await getDb();
    const at = new Date("2031-06-01T08:00:00.000Z");
    const rows = Array.from({ length: 7 }, (_, i) => ({
      id: newId("te"),
      organizationId: org.id,
      userId: org.owner.id,
      description: `entry ${i}`,
      startedAt: at,
      durationMinutes: 15,
      createdAt: at,
    }));
    await db.insert(timeEntries).values(rows);
    const pages = await pageThrough(timeEntriesRoute.GET, "/time-entries?limit=3", org.owner.token);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(
      rows
        .map((r) => r.id)
        .sort()
        .reverse(),
    );
  });

  it("pages members, the most recent to join first", async () => {
    const org = await makeOrganization();
    const joined = [org.owner.id];
    for (let i = 0; i < 4; i++) joined.push((await addUser(org.id, "member")).id);
    const pages = await pageThrough(usersRoute.GET, "/users?limit=2", org.owner.token);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...joined].reverse());
  });
});

describe("bad limit and cursor", () => {
  const cursorOf = (text: string) => Buffer.from(text).toString("base64url");
  const cases: [string, string, string][] = [
    ["/api-keys?limit=0", "limit", "zero"],
    ["/api-keys?limit=101", "limit", "over 100"],
    ["/api-keys?limit=2.5", "limit", "not whole"],
    ["/api-keys?limit=ten", "limit", "not a number"],
    ["/users?limit=-1", "limit", "negative"],
    ["/time-entries?limit=1000", "limit", "over 100"],
    ["/api-keys?cursor=not-a-cursor!", "cursor", "not base64url"],
    ["/api-keys?cursor=", "cursor", "empty"],
    [`/api-keys?cursor=${cursorOf("hello")}`, "cursor", "random text"],
    [
      `/api-keys?cursor=${cursorOf("2031-02-30T10:00:00.000000Z|key_AAAAAAAAAAAAAAAAAAAA")}`,
      "cursor",
      "no such day",
    ],
    [
      `/api-keys?cursor=${cursorOf("0000-01-01T00:00:00.000000Z|key_AAAAAAAAAAAAAAAAAAAA")}`,
      "cursor",
      "year 0",
    ],
    [
      `/api-keys?cursor=${cursorOf("2031-01-01T00:00:00.000000Z|te_AAAAAAAAAAAAAAAAAAAA")}`,
      "cursor",
      "another list's",
    ],
    [
      `/users?cursor=${cursorOf("2031-01-01T00:00:00.000000Z|key_AAAAAAAAAAAAAAAAAAAA")}`,
      "cursor",
      "another list's",
    ],
    [
      `/time-entries?cursor=${cursorOf("2031-01-01T00:00:00.000000Z|te_AAAAAAAAAAAAAAAAAAAA'--")}`,
      "cursor",
      "injection",
    ],
    ["/api-keys?status=deleted", "status", "unknown status"],
    ["/api-keys?created_by=me", "created_by", "not a user id"],
    [`/api-keys?q=${"x".repeat(101)}`, "q", "too long"],
  ];
  const handlers: Record<string, RouteHandler> = {
    "/api-keys": keysRoute.GET,
    "/users": usersRoute.GET,
    "/time-entries": timeEntriesRoute.GET,
  };

  it.each(cases)("400 VALIDATION_ERROR for %s (%s: %s)", async (path, field) => {
    const org = await makeOrganization();
    const handler = handlers[path.split("?")[0] ?? ""];
    if (!handler) throw new Error(`no handler for ${path}`);
    const res = await get(handler, path, org.owner.token);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field })]);
  });
});

describe("cursors never cross organizations", () => {
  it("org B following org A's cursor sees only org B's rows, on every list", async () => {
    const a = await makeOrganization();
    const b = await makeOrganization();
    const db = await getDb();
    for (let i = 0; i < 4; i++) await createKeyViaApi(a.owner.token, `a ${i}`);
    await createKeyViaApi(b.owner.token, "b only");
    const at = new Date();
    for (const org of [a, b]) {
      await db.insert(timeEntries).values(
        Array.from({ length: 3 }, () => ({
          id: newId("te"),
          organizationId: org.id,
          userId: org.owner.id,
          description: "work",
          startedAt: at,
          durationMinutes: 5,
          createdAt: at,
        })),
      );
      await addUser(org.id, "member");
      await addUser(org.id, "member");
    }

    for (const [handler, path] of [
      [keysRoute.GET, "/api-keys"],
      [timeEntriesRoute.GET, "/time-entries"],
      [usersRoute.GET, "/users"],
    ] as const) {
      const ofA = await get(handler, `${path}?limit=1`, a.owner.token);
      const ofB = await get(handler, `${path}?limit=100`, b.owner.token);
      const aIds = new Set<string>();
      const allA = await get(handler, `${path}?limit=100`, a.owner.token);
      for (const item of allA.body.data) aIds.add(item.id);
      expect(ofA.body.next_cursor).toEqual(expect.any(String));

      // A's cursor in B's hands: B's rows older than that point, and none of A's.
      const crossed = await get(
        handler,
        `${path}?limit=100&cursor=${ofA.body.next_cursor}`,
        b.owner.token,
      );
      expect(crossed.status).toBe(200);
      const bIds = new Set(ofB.body.data.map((item: { id: string }) => item.id));
      for (const item of crossed.body.data) {
        expect(aIds.has(item.id), `${path} leaked ${item.id}`).toBe(false);
        expect(bIds.has(item.id)).toBe(true);
      }
      for (const item of ofB.body.data) expect(aIds.has(item.id)).toBe(false);
    }
  });
});

describe("GET /api-keys filters", () => {
  it("filters by status, name or prefix, and creator; members see only their own keys", async () => {
    const org = await makeOrganization();
    const admin = await addUser(org.id, "admin");
    const member = await addUser(org.id, "member");
    const db = await getDb();
    const day = 24 * 60 * 60 * 1000;
    const rows = {
      active: keyRow(org.id, admin.id, { name: "Deploy bot" }),
      expiring: keyRow(org.id, admin.id, {
        name: "Nightly 100% export",
        expiresAt: new Date(Date.now() + day),
      }),
      expired: keyRow(org.id, org.owner.id, {
        name: "Old deploy",
        expiresAt: new Date(Date.now() - day),
      }),
      revoked: keyRow(org.id, org.owner.id, {
        name: "Leaked",
        revokedAt: new Date(Date.now() - 1000),
      }),
      // A rotation's grace period: revoked in the future, so still active now.
      graced: keyRow(org.id, org.owner.id, {
        name: "Rotating",
        revokedAt: new Date(Date.now() + day),
      }),
      mine: keyRow(org.id, member.id, { name: "Member deploy script" }),
    };
    await db.insert(apiKeys).values(Object.values(rows));
    const names = async (query: string, token = org.owner.token) => {
      const res = await get(keysRoute.GET, `/api-keys${query}`, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data.map((k: { name: string }) => k.name).sort();
    };

    expect(await names("")).toHaveLength(6);
    expect(await names("?status=all")).toHaveLength(6);
    expect(await names("?status=revoked")).toEqual(["Leaked"]);
    expect(await names("?status=expired")).toEqual(["Old deploy"]);
    expect(await names("?status=expiring_soon")).toEqual(["Nightly 100% export"]);
    expect(await names("?status=active")).toEqual([
      "Deploy bot",
      "Member deploy script",
      "Rotating",
    ]);
    // What the dashboard asks for while "Show revoked" is off.
    expect(await names("?status=active,expiring_soon,expired")).toHaveLength(5);

    expect(await names("?q=DEPLOY")).toEqual(["Deploy bot", "Member deploy script", "Old deploy"]);
    // % and _ are searched for as typed, not as wildcards.
    expect(await names(`?q=${encodeURIComponent("100%")}`)).toEqual(["Nightly 100% export"]);
    expect(await names("?q=d_ploy")).toEqual([]);
    expect(await names(`?q=${encodeURIComponent("%")}`)).toEqual(["Nightly 100% export"]);
    expect(await names(`?q=${rows.revoked.prefix}`)).toEqual(["Leaked"]);
    expect(await names(`?q=${rows.graced.id}`)).toEqual(["Rotating"]);
    expect(await names("?q=deploy&status=active")).toEqual(["Deploy bot", "Member deploy script"]);

    expect(await names(`?created_by=${admin.id}`)).toEqual(["Deploy bot", "Nightly 100% export"]);
    expect(await names(`?created_by=${admin.id}&q=nightly`)).toEqual(["Nightly 100% export"]);

    // A member sees only their own keys, whatever the filters ask for.
    expect(await names("", member.token)).toEqual(["Member deploy script"]);
    expect(await names(`?created_by=${admin.id}`, member.token)).toEqual([]);
    expect(await names("?q=deploy", member.token)).toEqual(["Member deploy script"]);
  });
});

const MAX_ACTIVE_KEYS_PER_ORGANIZATION = ENTITLEMENTS.enterprise.active_keys;

describe(`at most ${MAX_ACTIVE_KEYS_PER_ORGANIZATION} active keys per organization (enterprise)`, () => {
  it("refuses the next key with 409, and counts only keys in service", async () => {
    expect(MAX_ACTIVE_KEYS_PER_ORGANIZATION).toBe(1000);
    const org = await makeOrganization();
    const db = await getDb();
    const day = 24 * 60 * 60 * 1000;
    // Keys out of service never count: revoked, expired, or retired by a rotation.
    const retired = keyRow(org.id, org.owner.id);
    const replacement = keyRow(org.id, org.owner.id);
    await db
      .insert(apiKeys)
      .values([
        ...Array.from({ length: 5 }, () =>
          keyRow(org.id, org.owner.id, { revokedAt: new Date(Date.now() - 1000) }),
        ),
        ...Array.from({ length: 5 }, () =>
          keyRow(org.id, org.owner.id, { expiresAt: new Date(Date.now() - day) }),
        ),
        replacement,
      ]);
    await db.insert(apiKeys).values({
      ...retired,
      revokedAt: new Date(Date.now() + day),
      replacedById: replacement.id,
    });
    // Exactly the cap in service, in a few multi-row inserts (the replacement is one of them).
    const bulk = Array.from({ length: MAX_ACTIVE_KEYS_PER_ORGANIZATION - 1 }, () =>
      keyRow(org.id, org.owner.id),
    );
    for (let i = 0; i < bulk.length; i += 250) {
      await db.insert(apiKeys).values(bulk.slice(i, i + 250));
    }
    const post = (name: string) =>
      invoke(keysRoute.POST, {
        method: "POST",
        path: "/api-keys",
        token: org.owner.token,
        body: { name, scopes: ["read:users"] },
      });

    const refused = await post("one too many");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("CONFLICT");
    expect(refused.body.error.message).toContain("1000 active API keys");
    expect(refused.body.error.message).toContain("Revoke");

    // Rotating swaps one key in service for another: allowed at the cap, and still full after.
    const target = bulk[0]?.id ?? "";
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${target}/rotate`,
      token: org.owner.token,
      body: { grace_seconds: 3600 },
      params: { id: target },
    });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect((await post("still too many")).status).toBe(409);

    // Revoking one makes room for exactly one.
    const revoked = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${rotated.body.data.id}`,
      token: org.owner.token,
      params: { id: rotated.body.data.id },
    });
    expect(revoked.status).toBe(200);
    expect((await post("room again")).status).toBe(201);
    expect((await post("full again")).status).toBe(409);
  });
});

describe("the OpenAPI document describes the lists", () => {
  it("documents limit, cursor and the filters, and next_cursor beside data", async () => {
    const doc = (await invoke(openapiRoute.GET, { path: "/openapi.json" })).body;
    for (const path of ["/api-keys", "/users", "/time-entries"]) {
      const op = doc.paths[path].get;
      const names = op.parameters.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(["limit", "cursor"]));
      const limit = op.parameters.find((p: { name: string }) => p.name === "limit");
      expect(limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 50 });
      const body = op.responses["200"].content["application/json"].schema;
      expect(body.required).toEqual(["data", "next_cursor"]);
      expect(body.properties.data.type).toBe("array");
      expect(body.properties.next_cursor.type).toEqual(["string", "null"]);
    }
    const keyParams = doc.paths["/api-keys"].get.parameters.map((p: { name: string }) => p.name);
    expect(keyParams).toEqual(expect.arrayContaining(["status", "q", "created_by"]));
    expect(doc.paths["/api-keys"].post.responses["409"]).toBeDefined();
  });
});
