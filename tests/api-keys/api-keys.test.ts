import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { apiKeys, auditLogs, memberships } from "@/db/schema";
import { createKey, DEMO, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

describe("API keys through the route handlers", () => {
  it("creates a key whose secret authenticates /auth/me and is shown once", async () => {
    const { secret: admin } = await createKey(DEMO.acmeOwner, "acme", [
      "read:api-keys",
      "write:api-keys",
      "read:users",
    ]);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: admin,
      body: { name: "CI/CD Pipeline Key", scopes: ["read:users", "write:time-entries"] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");

    const made = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: admin,
      body: { name: "CI/CD Pipeline Key", scopes: ["read:users"] },
    });
    expect(made.status).toBe(201);
    expect(made.headers.get("cache-control")).toBe("no-store");
    expect(made.body.data.key).toMatch(/^vlt_test_[0-9A-Za-z]{38,}$/);

    const me = await invoke(meRoute.GET, { path: "/auth/me", token: made.body.data.key });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(DEMO.acmeOwner);
    expect(me.body.data.organization.name).toBe("Acme");
    expect(me.body.data.scopes).toEqual(["read:users"]);

    const list = await invoke(keysRoute.GET, { path: "/api-keys", token: admin });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(made.body.data.key);
    expect(JSON.stringify(list.body)).not.toContain("secret");
  });

  it("revokes and rotates", async () => {
    const { secret: admin } = await createKey(DEMO.acmeOwner, "acme", [
      "read:api-keys",
      "write:api-keys",
      "read:users",
    ]);
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/rotate`,
      token: admin,
      body: { grace_seconds: 0 },
      params: { id: key.id },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.rotated_from).toBe(key.id);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(401);
    const fresh = rotated.body.data.key as string;
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: fresh })).status).toBe(200);

    const revoked = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${rotated.body.data.id}`,
      token: admin,
      params: { id: rotated.body.data.id },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.status).toBe("revoked");
    const after = await invoke(meRoute.GET, { path: "/auth/me", token: fresh });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(after.body.error).toEqual({
      code: "UNAUTHORIZED",
      message: "Invalid or missing authentication token",
      details: { reason: "revoked", hint: expect.any(String) },
    });
  });
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
