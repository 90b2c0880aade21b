import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as catchAll from "@/app/api/v1/[[...path]]/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { testClock } from "@/lib/clock";
import { generateToken } from "@/server/tokens/format";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

// Opening the file's database (migrate and seed) counts against the hook timeout, not a test's.
beforeAll(async () => {
  await getDb();
});

const HOUR = 60 * 60 * 1000;
const GUIDE_401 = { code: "UNAUTHORIZED", message: "Invalid or missing authentication token" };
const GUIDE_403 = { code: "FORBIDDEN", message: "Insufficient permissions for this resource" };

afterEach(() => testClock.reset());

async function ownerKey() {
  return (
    await createKey(DEMO.acmeOwner, "acme", [
      "read:api-keys",
      "write:api-keys",
      "read:users",
      "read:time-entries",
      "write:time-entries",
    ])
  ).secret;
}

function expectJsonError(res: { status: number; headers: Headers; body: any }, code: string) {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
}

describe("400 VALIDATION_ERROR names the field", () => {
  const cases: { name: string; body?: unknown; rawBody?: string; field: string }[] = [
    { name: "bad JSON", rawBody: '{"name": "x", ', field: "body" },
    { name: "unknown scope", body: { name: "k", scopes: ["read:everything"] }, field: "scopes.0" },
    {
      name: "bad date",
      body: { name: "k", scopes: ["read:users"], expires_at: "next tuesday" },
      field: "expires_at",
    },
    {
      name: "name too long",
      body: { name: "n".repeat(101), scopes: ["read:users"] },
      field: "name",
    },
    { name: "missing name", body: { scopes: ["read:users"] }, field: "name" },
  ];
  it.each(cases)("$name", async ({ body, rawBody, field }) => {
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: await ownerKey(),
      body,
      rawBody,
      headers: rawBody ? { "content-type": "application/json" } : undefined,
    });
    expect(res.status).toBe(400);
    expectJsonError(res, "VALIDATION_ERROR");
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });

  it("on time entries too", async () => {
    const res = await invoke(timeEntriesRoute.POST, {
      method: "POST",
      path: "/time-entries",
      token: await ownerKey(),
      body: { description: "x", started_at: "yesterday", duration_minutes: 30 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: "started_at" })]);
  });
});

describe("401 UNAUTHORIZED: the guide's message, and a reason with a hint", () => {
  // Every case answers the guide's code and message exactly; details.reason names the cause.
  const headerCases: {
    name: string;
    header: () => Promise<string | undefined>;
    reason: string;
    hint?: RegExp;
  }[] = [
    { name: "missing header", header: async () => undefined, reason: "missing_header" },
    { name: "empty bearer", header: async () => "Bearer ", reason: "missing_header" },
    { name: "no scheme (a bare token)", header: ownerKey, reason: "missing_bearer_prefix" },
    {
      name: "wrong scheme (Token)",
      header: async () => `Token ${await ownerKey()}`,
      reason: "missing_bearer_prefix",
    },
    {
      name: "wrong scheme (Basic)",
      header: async () => `Basic ${btoa("user:pass")}`,
      reason: "missing_bearer_prefix",
    },
    { name: "malformed token", header: async () => "Bearer not-a-real-token", reason: "malformed" },
    {
      name: "quotes pasted in",
      header: async () => `Bearer "${await ownerKey()}"`,
      reason: "malformed",
      hint: /quotes/,
    },
    {
      name: "inner spaces",
      header: async () => {
        const key = await ownerKey();
        return `Bearer ${key.slice(0, 20)} ${key.slice(20)}`;
      },
      reason: "malformed",
      hint: /spaces/,
    },
    {
      name: "bad checksum (a typo)",
      header: async () => {
        const key = await ownerKey();
        return `Bearer ${key.slice(0, -1)}${key.endsWith("x") ? "y" : "x"}`;
      },
      reason: "checksum_mismatch",
    },
    {
      name: "a live key on a test server",
      header: async () => `Bearer ${generateToken("live")}`,
      reason: "wrong_environment",
      hint: /live API key.*accepts test keys.*correct environment/,
    },
    {
      name: "a refresh token",
      header: async () => `Bearer ${(await login(DEMO.acmeMember)).refresh_token}`,
      reason: "refresh_token_not_accepted",
      hint: /POST \/api\/v1\/auth\/refresh/,
    },
    {
      name: "an OAuth refresh token",
      header: async () => `Bearer ${generateToken("ort")}`,
      reason: "refresh_token_not_accepted",
      hint: /token endpoint/,
    },
    {
      name: "unknown key",
      header: async () => `Bearer ${generateToken("test")}`,
      reason: "unknown",
    },
    {
      name: "unknown access token",
      header: async () => `Bearer ${generateToken("at")}`,
      reason: "unknown",
    },
  ];
  it.each(headerCases)("$name: $reason", async ({ header, reason, hint }) => {
    const value = await header();
    const res = await invoke(usersRoute.GET, {
      path: "/users",
      headers: value === undefined ? {} : { authorization: value },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectJsonError(res, "UNAUTHORIZED");
    expect(res.body.error).toEqual({ ...GUIDE_401, details: { reason, hint: expect.any(String) } });
    expect(res.body.error.details.hint).toMatch(hint ?? /\S/);
  });

  // Decided from the header's text: the database is never asked. (PGlite: one client whose every
  // query goes through query(), exec() or transaction(); see tests/auth/require-scope.test.ts.)
  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "the reasons read from the token's text cost no database query",
    async () => {
      const key = await ownerKey();
      const rt = (await login(DEMO.acmeMember)).refresh_token;
      const typo = `${key.slice(0, -1)}${key.endsWith("x") ? "y" : "x"}`;
      const cases: [Record<string, string>, string][] = [
        [{}, "missing_header"],
        [{ authorization: key }, "missing_bearer_prefix"],
        [{ authorization: `Token ${key}` }, "missing_bearer_prefix"],
        [{ authorization: "Bearer not-a-real-token" }, "malformed"],
        [{ authorization: `Bearer '${key}'` }, "malformed"],
        [{ authorization: `Bearer ${key.slice(0, 9)} ${key.slice(9)}` }, "malformed"],
        [{ authorization: `Bearer ${typo}` }, "checksum_mismatch"],
        [{ authorization: `Bearer ${generateToken("live")}` }, "wrong_environment"],
        [{ authorization: `Bearer ${rt}` }, "refresh_token_not_accepted"],
      ];
      const db = await getDb();
      const client = (db as unknown as { $client: Record<string, () => unknown> }).$client;
      const spies = ["query", "exec", "transaction"].map((method) => vi.spyOn(client, method));
      try {
        for (const [headers, reason] of cases) {
          const res = await invoke(usersRoute.GET, { path: "/users", headers });
          expect(res.status, reason).toBe(401);
          expect(res.body.error.details.reason).toBe(reason);
        }
        for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    },
  );

  it("accepts the scheme in any case, and spaces around the token", async () => {
    const key = await ownerKey();
    for (const authorization of [`bEaReR ${key}`, `Bearer   ${key}  `]) {
      const res = await invoke(usersRoute.GET, { path: "/users", headers: { authorization } });
      expect(res.status, authorization).toBe(200);
    }
  });

  it("an expired API key", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      expires_at: new Date(Date.now() + HOUR).toISOString(),
    });
    testClock.advance(HOUR - 1000);
    expect((await invoke(usersRoute.GET, { path: "/users", token: secret })).status).toBe(200);
    testClock.advance(2000);
    const res = await invoke(usersRoute.GET, { path: "/users", token: secret });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({
      ...GUIDE_401,
      details: { reason: "expired", hint: expect.stringMatching(/expired/) },
    });
  });

  it("a revoked API key, from the next request on", async () => {
    const admin = await ownerKey();
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await invoke(usersRoute.GET, { path: "/users", token: secret })).status).toBe(200);
    const del = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${key.id}`,
      token: admin,
      params: { id: key.id },
    });
    expect(del.status).toBe(200);
    const res = await invoke(usersRoute.GET, { path: "/users", token: secret });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({
      ...GUIDE_401,
      details: { reason: "revoked", hint: expect.stringMatching(/revoked/) },
    });
  });

  it("a revoked user access token", async () => {
    const pair = await login(DEMO.acmeMember);
    const { revokeUserToken } = await import("@/server/tokens/revoke-user-token");
    await revokeUserToken({ token: pair.access_token }, { ip: "127.0.0.1" });
    const res = await invoke(meRoute.GET, { path: "/auth/me", token: pair.access_token });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({
      ...GUIDE_401,
      details: { reason: "revoked", hint: expect.any(String) },
    });
  });
});

describe("403 FORBIDDEN: a reason with a hint", () => {
  it("missing_scope: the guide's body, naming the scope", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:time-entries"]);
    const res = await invoke(usersRoute.GET, { path: "/users", token: secret });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      ...GUIDE_403,
      details: { reason: "missing_scope", required_scope: "read:users", hint: expect.any(String) },
    });
  });

  it("organization_not_allowed: the same for another organization and for none at all", async () => {
    const key = await ownerKey();
    const globex = await orgId("globex");
    const bodies = [];
    for (const organization of [globex, "org_AAAAAAAAAAAAAAAAAAAA", "not-an-id"]) {
      const res = await invoke(usersRoute.GET, {
        path: "/users",
        token: key,
        headers: { "x-organization-id": organization },
      });
      expect(res.status, organization).toBe(403);
      bodies.push(res.body);
    }
    expect(bodies[0].error).toEqual({
      ...GUIDE_403,
      details: { reason: "organization_not_allowed", hint: expect.any(String) },
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it("ip_not_allowed: the message keeps naming the address rule", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      allowed_ips: ["192.0.2.1"],
    });
    const res = await invoke(usersRoute.GET, { path: "/users", token: secret, ip: "192.0.2.2" });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: "FORBIDDEN",
      message: "This API key cannot be used from this IP address",
      details: { reason: "ip_not_allowed", ip: "192.0.2.2", hint: expect.any(String) },
    });
  });
});

describe("404 NOT_FOUND", () => {
  it("an unknown key id, user id or malformed id", async () => {
    const token = await ownerKey();
    const cases = [
      { handler: keyRoute.GET, id: "key_AAAAAAAAAAAAAAAAAAAA", path: "/api-keys" },
      { handler: keyRoute.DELETE, id: "key_AAAAAAAAAAAAAAAAAAAA", path: "/api-keys" },
      { handler: userRoute.GET, id: "usr_AAAAAAAAAAAAAAAAAAAA", path: "/users" },
      { handler: userRoute.GET, id: "1", path: "/users" },
      { handler: userRoute.GET, id: "../etc/passwd", path: "/users" },
    ];
    for (const { handler, id, path } of cases) {
      const method = handler === keyRoute.DELETE ? "DELETE" : "GET";
      const res = await invoke(handler, {
        method,
        path: `${path}/${encodeURIComponent(id)}`,
        token,
        params: { id },
      });
      expect(res.status, `${method} ${path}/${id}`).toBe(404);
      expectJsonError(res, "NOT_FOUND");
    }
  });

  it("an unknown path answers JSON through the catch-all", async () => {
    const handlers = [
      ["GET", catchAll.GET],
      ["POST", catchAll.POST],
      ["PUT", catchAll.PUT],
      ["PATCH", catchAll.PATCH],
      ["DELETE", catchAll.DELETE],
    ] as const;
    for (const [method, handler] of handlers) {
      const res = await invoke(handler, { method, path: "/no/such/thing" });
      expect(res.status).toBe(404);
      expectJsonError(res, "NOT_FOUND");
    }
  });
});

describe("405 METHOD_NOT_ALLOWED carries Allow", () => {
  const cases = [
    { name: "PUT /users", handler: usersRoute.PUT, method: "PUT", allow: "GET, HEAD, OPTIONS" },
    {
      name: "PUT /users/{id}",
      handler: userRoute.PUT,
      method: "PUT",
      allow: "GET, PATCH, DELETE, HEAD, OPTIONS",
    },
    {
      name: "DELETE /time-entries",
      handler: timeEntriesRoute.DELETE,
      method: "DELETE",
      allow: "GET, POST, HEAD, OPTIONS",
    },
    {
      name: "PATCH /time-entries",
      handler: timeEntriesRoute.PATCH,
      method: "PATCH",
      allow: "GET, POST, HEAD, OPTIONS",
    },
  ];
  it.each(cases)("$name", async ({ handler, method, allow }) => {
    const res = await invoke(handler, { method, path: "/x" });
    expect(res.status).toBe(405);
    expectJsonError(res, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe(allow);
  });
});

describe("413 and 415", () => {
  it("a body over 64 KiB is 413", async () => {
    const res = await invoke(timeEntriesRoute.POST, {
      method: "POST",
      path: "/time-entries",
      token: await ownerKey(),
      body: { description: "x".repeat(70 * 1024), started_at: new Date().toISOString() },
    });
    expect(res.status).toBe(413);
    expectJsonError(res, "PAYLOAD_TOO_LARGE");
  });

  it("a body over 64 KiB that declares its length is 413 too", async () => {
    const rawBody = JSON.stringify({ description: "y".repeat(65 * 1024) });
    const res = await invoke(timeEntriesRoute.POST, {
      method: "POST",
      path: "/time-entries",
      token: await ownerKey(),
      rawBody,
      headers: { "content-type": "application/json", "content-length": String(rawBody.length) },
    });
    expect(res.status).toBe(413);
  });

  it.each([
    ["text/plain", '{"description":"x","started_at":"2024-06-13T09:00:00Z","duration_minutes":5}'],
    ["application/x-www-form-urlencoded", "description=x&duration_minutes=5"],
    ["multipart/form-data; boundary=x", "--x\r\n\r\nx\r\n--x--"],
  ])("a %s body is 415", async (type, rawBody) => {
    const res = await invoke(timeEntriesRoute.POST, {
      method: "POST",
      path: "/time-entries",
      token: await ownerKey(),
      headers: { "content-type": type },
      rawBody,
    });
    expect(res.status).toBe(415);
    expectJsonError(res, "UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("OPTIONS names the methods a route serves", () => {
  it("answers 204 with Allow and the rate-limit headers", async () => {
    const res = await invoke(timeEntriesRoute.OPTIONS, {
      method: "OPTIONS",
      path: "/time-entries",
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
  });
});

describe("request bodies PostgreSQL cannot store", () => {
  it("a NUL character is a 400 naming the field, and nothing is written", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys", "write:api-keys"]);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: secret,
      rawBody: '{"name":"nul\\u0000byte","scopes":["read:users"]}',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details).toEqual([
      { field: "name", message: "must not contain NUL characters" },
    ]);
    const list = await invoke(keysRoute.GET, { path: "/api-keys", token: secret });
    expect(JSON.stringify(list.body)).not.toContain("byte");
  });

  it("invalid UTF-8 is a 400", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["write:time-entries"]);
    const req = new Request("http://localhost:3000/api/v1/time-entries", {
      method: "POST",
      headers: {
        authorization: `Bearer ${secret}`,
        "content-type": "application/json",
        "x-voltasis-client-ip": "198.51.100.250",
      },
      body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    const res = await timeEntriesRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("VALIDATION_ERROR");
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
