import { afterEach, describe, expect, it } from "vitest";
import * as auditLogRoute from "@/app/api/v1/api-keys/[id]/audit-log/route";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { now, testClock } from "@/lib/clock";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

afterEach(() => {
  testClock.reset();
});

const SCOPES = ["read:users", "read:api-keys", "write:api-keys"] as const;

async function rotate(id: string, token: string, body?: unknown) {
  return invoke(rotateRoute.POST, {
    method: "POST",
    path: `/api-keys/${id}/rotate`,
    token,
    params: { id },
    ...(body === undefined ? {} : { body }),
  });
}

const me = (secret: string) => invoke(meRoute.GET, { path: "/auth/me", token: secret });

async function getKey(id: string, token: string) {
  return invoke(keyRoute.GET, { path: `/api-keys/${id}`, token, params: { id } });
}

describe("rotation with grace_seconds > 0", () => {
  it("the old key works until the grace ends, then answers 401 expired; the new key works on", async () => {
    const old = await createKey(DEMO.acmeOwner, "acme", [...SCOPES]);
    const owner = await login(DEMO.acmeOwner);

    const rotated = await rotate(old.key.id, owner.access_token, { grace_seconds: 600 });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const fresh = rotated.body.data;
    expect(fresh.rotated_from).toBe(old.key.id);
    expect(fresh.key).not.toBe(old.secret);

    // During the grace both keys authenticate, as the same owner.
    expect((await me(old.secret)).status).toBe(200);
    expect((await me(fresh.key)).body.data.email).toBe(DEMO.acmeOwner);

    // The old key shows when it stops: not revoked, expiring at the end of the grace.
    const during = await getKey(old.key.id, fresh.key);
    expect(during.body.data).toMatchObject({
      revoked_at: null,
      replaced_by: fresh.id,
      status: "expiring_soon",
    });
    const expiresAt = Date.parse(during.body.data.expires_at);
    expect(expiresAt - now().getTime()).toBeGreaterThan(590_000);
    expect(expiresAt - now().getTime()).toBeLessThanOrEqual(600_000);

    testClock.advance(580_000);
    expect((await me(old.secret)).status).toBe(200);

    testClock.advance(21_000);
    const refused = await me(old.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: "UNAUTHORIZED",
      details: { reason: "expired" },
    });
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);

    expect((await me(fresh.key)).status).toBe(200);
    expect((await getKey(old.key.id, fresh.key)).body.data.status).toBe("expired");
  });

  it("the audit trail records the rotation with its grace", async () => {
    const old = await createKey(DEMO.acmeOwner, "acme", [...SCOPES]);
    const owner = await login(DEMO.acmeOwner);
    const rotated = await rotate(old.key.id, owner.access_token, { grace_seconds: 3600 });
    expect(rotated.status).toBe(200);

    const trail = await invoke(auditLogRoute.GET, {
      path: `/api-keys/${old.key.id}/audit-log`,
      token: owner.access_token,
      params: { id: old.key.id },
    });
    expect(trail.status).toBe(200);
    const entry = trail.body.data.find((e: { action: string }) => e.action === "api_key.rotated");
    expect(entry?.metadata).toEqual({ new_key_id: rotated.body.data.id, grace_seconds: 3600 });
  });

  it("a grace never outlives the key's own expiry", async () => {
    const expiresAt = new Date(now().getTime() + 10 * 60_000).toISOString();
    const old = await createKey(DEMO.acmeOwner, "acme", [...SCOPES], { expires_at: expiresAt });
    const owner = await login(DEMO.acmeOwner);

    const rotated = await rotate(old.key.id, owner.access_token, { grace_seconds: 86_400 });
    expect(rotated.status).toBe(200);
    // The new key gets the old one's lifetime (10 minutes) from now; the old one keeps its own
    // expiry instead of gaining a day.
    const renewed = Date.parse(rotated.body.data.expires_at) - Date.parse(expiresAt);
    expect(renewed).toBeGreaterThanOrEqual(0);
    expect(renewed).toBeLessThan(5_000);
    const during = await getKey(old.key.id, owner.access_token);
    expect(during.body.data.expires_at).toBe(expiresAt);

    testClock.advance(11 * 60_000);
    const refused = await me(old.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.details).toEqual({ reason: "expired", hint: expect.any(String) });
  });

  it("a key in its grace period cannot be rotated a second time", async () => {
    const old = await createKey(DEMO.acmeOwner, "acme", [...SCOPES]);
    const owner = await login(DEMO.acmeOwner);
    expect((await rotate(old.key.id, owner.access_token, { grace_seconds: 600 })).status).toBe(200);

    const again = await rotate(old.key.id, owner.access_token, { grace_seconds: 600 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");
    expect(again.body.error.message).toContain("already been rotated");
  });

  it.each([
    [{ grace_seconds: -1 }],
    [{ grace_seconds: 604_801 }],
    [{ grace_seconds: 1.5 }],
    [{ grace_seconds: "600" }],
  ])("refuses %j with 400 naming grace_seconds, and leaves the key as it was", async (body) => {
    const old = await createKey(DEMO.acmeOwner, "acme", [...SCOPES]);
    const owner = await login(DEMO.acmeOwner);
    const res = await rotate(old.key.id, owner.access_token, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: "grace_seconds" })]);
    expect((await getKey(old.key.id, owner.access_token)).body.data).toMatchObject({
      status: "active",
      replaced_by: null,
    });
  });
});
