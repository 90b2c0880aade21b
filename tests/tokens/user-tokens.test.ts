import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import * as revokeRoute from "@/app/api/v1/auth/revoke/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import { getDb } from "@/db";
import { tokenFamilies, userTokens } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { testClock } from "@/lib/clock";
import { generateToken, hashToken } from "@/server/tokens/format";
import { createKey, DEMO, orgId, sessionContext } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

// Opening the file's database (migrate and seed) counts against the hook timeout, not a test's.
beforeAll(async () => {
  await getDb();
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

afterEach(() => testClock.reset());

const me = (token: string) => invoke(meRoute.GET, { path: "/auth/me", token });
const refresh = (refreshToken: string) =>
  invoke(refreshRoute.POST, {
    method: "POST",
    path: "/auth/refresh",
    body: { refresh_token: refreshToken },
  });
const revoke = (token: string) =>
  invoke(revokeRoute.POST, { method: "POST", path: "/auth/revoke", body: { token } });

async function tokenRow(secret: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(userTokens)
    .where(eq(userTokens.secretHash, hashToken(secret)));
  return row;
}

describe("POST /auth/token", () => {
  it("returns an access and a refresh token that are stored as hashes only", async () => {
    const res = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: DEMO.acmeOwner, password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const data = res.body.data;
    expect(data).toMatchObject({
      token_type: "Bearer",
      expires_in: 86400,
      refresh_expires_in: 2592000,
      organization: { id: await orgId("acme"), name: "Acme" },
    });
    expect(data.access_token).toMatch(/^vlt_at_[0-9A-Za-z]{38,}$/);
    expect(data.refresh_token).toMatch(/^vlt_rt_[0-9A-Za-z]{38,}$/);
    expect(new Date(data.access_token_expires_at).getTime() - Date.now()).toBeGreaterThan(
      DAY - 60_000,
    );

    const access = await tokenRow(data.access_token);
    const refreshRow = await tokenRow(data.refresh_token);
    expect(access?.kind).toBe("access");
    expect(refreshRow?.kind).toBe("refresh");
    expect(access?.familyId).toBe(refreshRow?.familyId);
    const db = await getDb();
    const all = JSON.stringify(await db.select().from(userTokens));
    expect(all).not.toContain(data.access_token);
    expect(all).not.toContain(data.refresh_token);

    const who = await me(data.access_token);
    expect(who.status).toBe(200);
    expect(who.body.data).toMatchObject({
      email: DEMO.acmeOwner,
      role: "owner",
      token: { type: "access_token", id: access?.id },
    });
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const wrong = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: DEMO.acmeOwner, password: "not-the-password" },
    });
    const unknown = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: "nobody@nowhere.test", password: "not-the-password" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("UNAUTHORIZED");
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("validates the body and accepts JSON only", async () => {
    const missing = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: DEMO.acmeOwner },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([
      { field: "password", message: "password is required" },
    ]);

    const form = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      rawBody: `email=${encodeURIComponent(DEMO.acmeOwner)}&password=${DEMO_PASSWORD}`,
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");

    const get = await invoke(tokenRoute.GET, { path: "/auth/token" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("issues tokens for an organization the user belongs to, and 403 for any other", async () => {
    const acme = await orgId("acme");
    const globex = await orgId("globex");
    expect((await login(DEMO.acmeMember, acme)).organization.id).toBe(acme);
    for (const organization_id of [globex, "org_doesNotExist123", "not-an-id"]) {
      const res = await invoke(tokenRoute.POST, {
        method: "POST",
        path: "/auth/token",
        body: { email: DEMO.acmeMember, password: DEMO_PASSWORD, organization_id },
      });
      expect(res.status, organization_id).toBe(403);
      // The same answer whether the organization exists or not.
      expect(res.body.error).toEqual({
        code: "FORBIDDEN",
        message: "Insufficient permissions for this resource",
        details: { reason: "organization_not_allowed", hint: expect.any(String) },
      });
    }
  });

  it("refuses a disabled account with the same 401 as a wrong password", async () => {
    const { disableUser } = await import("@/server/users/disable-user");
    const user = await makeUser("acme");
    await disableUser(user.id);
    const res = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: user.email, password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("Invalid email or password");
  });
});

describe("token kinds are refused where the other belongs", () => {
  it("a refresh token does not authenticate requests", async () => {
    const pair = await login(DEMO.acmeOwner);
    const res = await me(pair.refresh_token);
    expect(res.status).toBe(401);
    // The guide's message; what to do about it is in the hint.
    expect(res.body.error).toEqual({
      code: "UNAUTHORIZED",
      message: "Invalid or missing authentication token",
      details: {
        reason: "refresh_token_not_accepted",
        hint: expect.stringMatching(/refresh token.*POST \/api\/v1\/auth\/refresh/i),
      },
    });
  });

  it("an access token or an API key cannot be refreshed", async () => {
    const pair = await login(DEMO.acmeOwner);
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    for (const presented of [pair.access_token, secret, generateToken("live")]) {
      const res = await refresh(presented);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
      expect(res.body.error.message).toMatch(/refresh token .*is required/i);
    }
    // Nothing was spent or revoked by those attempts.
    expect((await me(pair.access_token)).status).toBe(200);
    expect((await refresh(pair.refresh_token)).status).toBe(200);
  });

  it("an unknown or malformed refresh token is a plain 401", async () => {
    for (const presented of [generateToken("rt"), "vlt_rt_nonsense", "garbage"]) {
      const res = await refresh(presented);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe("Invalid or missing authentication token");
    }
  });
});

describe("POST /auth/refresh", () => {
  it("rotates: a new pair of the same family, the old refresh token spent", async () => {
    const first = await login(DEMO.acmeOwner);
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const second = res.body.data;
    expect(second).toMatchObject({ token_type: "Bearer", expires_in: 86400 });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);

    const oldRow = await tokenRow(first.refresh_token);
    const newRow = await tokenRow(second.refresh_token);
    expect(oldRow?.spentAt).toBeInstanceOf(Date);
    expect(newRow?.familyId).toBe(oldRow?.familyId);

    expect((await me(second.access_token)).status).toBe(200);
    // The earlier access token of the family lives out its own 24 hours.
    expect((await me(first.access_token)).status).toBe(200);
  });

  it("reuse of a spent refresh token revokes the whole family", async () => {
    const first = await login(DEMO.acmeOwner);
    const second = (await refresh(first.refresh_token)).body.data;
    const third = (await refresh(second.refresh_token)).body.data;
    expect((await me(third.access_token)).status).toBe(200);

    // A thief (or the client it was stolen from) replays the first refresh token.
    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(401);
    expect(replay.body.error.details).toEqual({ reason: "reused" });

    for (const token of [first.access_token, second.access_token, third.access_token]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(res.body.error.details).toEqual({ reason: "revoked", hint: expect.any(String) });
    }
    expect((await refresh(third.refresh_token)).status).toBe(401);

    // Other logins of the same user are not affected.
    const other = await login(DEMO.acmeOwner);
    expect((await me(other.access_token)).status).toBe(200);
  });

  it("of two concurrent refreshes of one token exactly one wins, and the family is revoked", async () => {
    const pair = await login(DEMO.acmeOwner);
    const results = await Promise.all([refresh(pair.refresh_token), refresh(pair.refresh_token)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401]);
    // The loser presented a spent token: indistinguishable from theft, so the family goes.
    expect(results.find((r) => r.status === 401)?.body.error.details).toEqual({ reason: "reused" });
    const winner = results.find((r) => r.status === 200);
    expect((await me(winner?.body.data.access_token)).status).toBe(401);
    const db = await getDb();
    const row = await tokenRow(pair.refresh_token);
    const family = await db
      .select()
      .from(userTokens)
      .where(eq(userTokens.familyId, row?.familyId ?? ""));
    // The login's pair plus exactly one new pair, all revoked.
    expect(family).toHaveLength(4);
    expect(family.every((t) => t.revokedAt !== null)).toBe(true);
  });

  it("of many concurrent refreshes exactly one pair is issued, then the whole family is revoked", async () => {
    const pair = await login(DEMO.acmeOwner);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => refresh(pair.refresh_token)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers).toHaveLength(11);
    for (const r of losers) {
      expect(r.status).toBe(401);
      expect(["reused", "revoked"]).toContain(r.body.error.details.reason);
    }
    expect(losers.some((r) => r.body.error.details.reason === "reused")).toBe(true);
    const row = await tokenRow(pair.refresh_token);
    const db = await getDb();
    const tokens = await db
      .select()
      .from(userTokens)
      .where(eq(userTokens.familyId, row?.familyId ?? ""));
    expect(tokens).toHaveLength(4);
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    const [family] = await db
      .select()
      .from(tokenFamilies)
      .where(eq(tokenFamilies.id, row?.familyId ?? ""));
    expect(family?.revokedAt).toBeInstanceOf(Date);
  });

  it("refuses a refresh in a revoked family, and revocation marks the family", async () => {
    const pair = await login(DEMO.acmeOwner);
    const row = await tokenRow(pair.refresh_token);
    const db = await getDb();
    await db
      .update(tokenFamilies)
      .set({ revokedAt: new Date() })
      .where(eq(tokenFamilies.id, row?.familyId ?? ""));
    const res = await refresh(pair.refresh_token);
    expect(res.status).toBe(401);
    expect(res.body.error.details).toEqual({ reason: "revoked" });

    const other = await login(DEMO.acmeOwner);
    expect((await revoke(other.refresh_token)).status).toBe(200);
    const otherRow = await tokenRow(other.refresh_token);
    const [family] = await db
      .select()
      .from(tokenFamilies)
      .where(eq(tokenFamilies.id, otherRow?.familyId ?? ""));
    expect(family?.revokedAt).toBeInstanceOf(Date);
  });

  it("a refresh racing the family's revocation never leaves a working token", async () => {
    for (let i = 0; i < 5; i++) {
      const pair = await login(DEMO.acmeOwner);
      const [refreshed, revoked] = await Promise.all([
        refresh(pair.refresh_token),
        revoke(pair.refresh_token),
      ]);
      expect(revoked.status).toBe(200);
      expect([200, 401]).toContain(refreshed.status);
      if (refreshed.status === 200) {
        expect((await me(refreshed.body.data.access_token)).status).toBe(401);
        expect((await refresh(refreshed.body.data.refresh_token)).status).toBe(401);
      }
    }
  });

  it("a refresh token expires after 30 days", async () => {
    const early = await login(DEMO.acmeOwner);
    const late = await login(DEMO.acmeOwner);
    testClock.advance(30 * DAY - 1000);
    expect((await refresh(early.refresh_token)).status).toBe(200);
    testClock.advance(2000);
    const res = await refresh(late.refresh_token);
    expect(res.status).toBe(401);
    expect(res.body.error.details).toEqual({ reason: "expired" });
  });

  it("fails for a disabled user or one no longer a member", async () => {
    const { disableUser } = await import("@/server/users/disable-user");
    const { removeMembership } = await import("@/server/users/remove-membership");
    const leaver = await makeUser("acme");
    const disabled = await makeUser("acme");
    const leaverPair = await login(leaver.email);
    const disabledPair = await login(disabled.email);

    await removeMembership(await sessionContext(DEMO.acmeOwner, "acme"), { userId: leaver.id });
    await disableUser(disabled.id);
    for (const pair of [leaverPair, disabledPair]) {
      expect((await refresh(pair.refresh_token)).status).toBe(401);
      expect((await me(pair.access_token)).status).toBe(401);
    }
  });
});

describe("access token lifetime", () => {
  it("is valid at 24h-1s and refused at 24h+1s", async () => {
    const pair = await login(DEMO.acmeMember);
    expect((await me(pair.access_token)).status).toBe(200);
    testClock.advance(DAY - 1000);
    expect((await me(pair.access_token)).status).toBe(200);
    testClock.advance(2000);
    const res = await me(pair.access_token);
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({
      code: "UNAUTHORIZED",
      message: "Invalid or missing authentication token",
      details: { reason: "expired", hint: expect.any(String) },
    });
  });
});

describe("POST /auth/revoke", () => {
  it("revokes an access token from the next request on, idempotently", async () => {
    const pair = await login(DEMO.acmeOwner);
    expect((await me(pair.access_token)).status).toBe(200); // now cached
    const res = await revoke(pair.access_token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { revoked: true } });
    expect((await me(pair.access_token)).status).toBe(401);
    expect((await revoke(pair.access_token)).status).toBe(200);
    // Revoking the access token leaves the refresh token usable.
    expect((await refresh(pair.refresh_token)).status).toBe(200);
  });

  it("revokes a refresh token together with its family", async () => {
    const pair = await login(DEMO.acmeOwner);
    expect((await me(pair.access_token)).status).toBe(200);
    expect((await revoke(pair.refresh_token)).status).toBe(200);
    expect((await me(pair.access_token)).status).toBe(401);
    const res = await refresh(pair.refresh_token);
    expect(res.status).toBe(401);
    expect(res.body.error.details).toEqual({ reason: "revoked" });
    expect((await revoke(pair.refresh_token)).status).toBe(200);
  });

  it("answers 200 for unknown or malformed tokens", async () => {
    for (const token of [generateToken("at"), generateToken("rt"), "not-a-token"]) {
      const res = await revoke(token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { revoked: true } });
    }
  });

  it("refuses API keys with a pointer to DELETE /api/v1/api-keys/{id}", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await revoke(secret);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.message).toContain("DELETE /api/v1/api-keys/{id}");
    expect(res.body.error.details[0].field).toBe("token");
    // The key still works.
    expect((await me(secret)).status).toBe(200);
  });

  it("requires a token in a JSON body", async () => {
    const missing = await invoke(revokeRoute.POST, {
      method: "POST",
      path: "/auth/revoke",
      body: {},
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe("token");
    const form = await invoke(revokeRoute.POST, {
      method: "POST",
      path: "/auth/revoke",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      rawBody: "token=abc",
    });
    expect(form.status).toBe(415);
  });
});
