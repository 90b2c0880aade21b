import { beforeAll, describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as scopesRoute from "@/app/api/v1/scopes/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import type { RouteHandler } from "@/server/http/with-api";
import { SCOPES, type Scope } from "@/server/scopes/catalogue";
import { createKey, DEMO, userId } from "../helpers/fixtures";
import { call, login } from "../helpers/tokens";

// Opening the file's database (migrate and seed) counts against the hook timeout, not a test's.
beforeAll(async () => {
  await getDb();
});

interface Endpoint {
  name: string;
  scope: Scope;
  handler: RouteHandler<any>;
  method: string;
  /** Builds path, params and body against a fresh target key. */
  request: (target: { keyId: string; userId: string }) => {
    path: string;
    params?: Record<string, string>;
    body?: unknown;
  };
  success: number;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: "GET /users",
    scope: "read:users",
    handler: usersRoute.GET,
    method: "GET",
    request: () => ({ path: "/users" }),
    success: 200,
  },
  {
    name: "GET /users/{id}",
    scope: "read:users",
    handler: userRoute.GET,
    method: "GET",
    request: (t) => ({ path: `/users/${t.userId}`, params: { id: t.userId } }),
    success: 200,
  },
  {
    name: "GET /time-entries",
    scope: "read:time-entries",
    handler: timeEntriesRoute.GET,
    method: "GET",
    request: () => ({ path: "/time-entries" }),
    success: 200,
  },
  {
    name: "POST /time-entries",
    scope: "write:time-entries",
    handler: timeEntriesRoute.POST,
    method: "POST",
    request: () => ({
      path: "/time-entries",
      body: { description: "scoped", started_at: "2024-06-13T09:00:00Z", duration_minutes: 15 },
    }),
    success: 201,
  },
  {
    name: "GET /api-keys",
    scope: "read:api-keys",
    handler: keysRoute.GET,
    method: "GET",
    request: () => ({ path: "/api-keys" }),
    success: 200,
  },
  {
    name: "POST /api-keys",
    scope: "write:api-keys",
    handler: keysRoute.POST,
    method: "POST",
    request: () => ({ path: "/api-keys", body: { name: "made", scopes: ["write:api-keys"] } }),
    success: 201,
  },
  {
    name: "GET /api-keys/{id}",
    scope: "read:api-keys",
    handler: keyRoute.GET,
    method: "GET",
    request: (t) => ({ path: `/api-keys/${t.keyId}`, params: { id: t.keyId } }),
    success: 200,
  },
  {
    name: "PATCH /api-keys/{id}",
    scope: "write:api-keys",
    handler: keyRoute.PATCH,
    method: "PATCH",
    request: (t) => ({
      path: `/api-keys/${t.keyId}`,
      params: { id: t.keyId },
      body: { name: "renamed" },
    }),
    success: 200,
  },
  {
    name: "DELETE /api-keys/{id}",
    scope: "write:api-keys",
    handler: keyRoute.DELETE,
    method: "DELETE",
    request: (t) => ({ path: `/api-keys/${t.keyId}`, params: { id: t.keyId } }),
    success: 200,
  },
  {
    name: "POST /api-keys/{id}/rotate",
    scope: "write:api-keys",
    handler: rotateRoute.POST,
    method: "POST",
    request: (t) => ({
      path: `/api-keys/${t.keyId}/rotate`,
      params: { id: t.keyId },
      body: { grace_seconds: 0 },
    }),
    success: 200,
  },
];

// Every scope the Acme owner can hold; a key gets all of them but the one under test.
const OWNER_SCOPES = SCOPES.filter((s) => s !== "admin:organizations");

async function target() {
  // write:api-keys only, so that a key holding just that scope may rotate it.
  const { key } = await createKey(DEMO.acmeOwner, "acme", ["write:api-keys"]);
  return { keyId: key.id, userId: await userId(DEMO.acmeMember) };
}

describe("scope denial per endpoint", () => {
  it.each(ENDPOINTS)("$name requires $scope", async (endpoint) => {
    const t = await target();
    const without = await createKey(
      DEMO.acmeOwner,
      "acme",
      OWNER_SCOPES.filter((s) => s !== endpoint.scope),
    );
    const denied = await call(endpoint.handler, {
      method: endpoint.method,
      token: without.secret,
      ...endpoint.request(t),
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toEqual({
      code: "FORBIDDEN",
      message: "Insufficient permissions for this resource",
      details: { required_scope: endpoint.scope },
    });

    // Nothing changed: the target key is as it was.
    const reader = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const after = await call(keyRoute.GET, {
      path: `/api-keys/${t.keyId}`,
      token: reader.secret,
      params: { id: t.keyId },
    });
    expect(after.body.data).toMatchObject({ status: "active", replaced_by: null });
    expect(after.body.data.name).not.toBe("renamed");

    const only = await createKey(DEMO.acmeOwner, "acme", [endpoint.scope]);
    const allowed = await call(endpoint.handler, {
      method: endpoint.method,
      token: only.secret,
      ...endpoint.request(t),
    });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(endpoint.success);
  });
});

describe("role maximums", () => {
  it("a member cannot give a key scopes beyond the member role", async () => {
    const { secret } = await createKey(DEMO.acmeMember, "acme", ["write:api-keys"]);
    const res = await call(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: secret,
      body: { name: "escalate", scopes: ["write:users"] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("a key cannot grant more than it holds itself", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["write:api-keys"]);
    const res = await call(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: secret,
      body: { name: "wider", scopes: ["write:api-keys", "read:users"] },
    });
    expect(res.status).toBe(403);
  });

  it("a user access token carries the role's scopes", async () => {
    const member = await login(DEMO.acmeMember);
    const res = await call(scopesRoute.GET, { path: "/scopes", token: member.access_token });
    expect(res.status).toBe(200);
    const granted = (res.body.data as { scope: Scope; granted: boolean }[])
      .filter((e) => e.granted)
      .map((e) => e.scope);
    expect(granted).toEqual([
      "read:users",
      "read:time-entries",
      "write:time-entries",
      "read:api-keys",
      "write:api-keys",
    ]);
    const users = await call(usersRoute.GET, { path: "/users", token: member.access_token });
    expect(users.status).toBe(200);
  });
});
