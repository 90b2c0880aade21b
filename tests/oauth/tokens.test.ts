import { and, eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, oauthGrants, oauthStore } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { forgetGrants } from "@/server/oauth-grants/forget-grants";
import { hashToken, parseToken } from "@/server/tokens/format";
import { verifyBearer } from "@/server/tokens/verify-bearer";
import { drainUsage } from "@/server/usage/usage-recorder";
import { orgId } from "@/tests/helpers/fixtures";
import {
  acme,
  codeFlowTokens,
  createTestApp,
  insecure,
  me,
  owner,
  setUpOAuthWorld,
  type TestApp,
  world,
} from "@/tests/helpers/oauth";

setUpOAuthWorld();

async function refresh(app: TestApp, refreshToken: string) {
  const response = await oauth.refreshTokenGrantRequest(
    world.as,
    app.client,
    app.auth,
    refreshToken,
    insecure,
  );
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function grantOf(accessToken: string): Promise<string> {
  return (await me(world, accessToken)).body.data.token.id as string;
}

describe("refresh tokens", () => {
  it("rotate on every use: a new vlt_ort_, a new access token, the old one spent", async () => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const first = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const second = await refresh(app, first.refresh_token as string);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(parseToken(second.body.refresh_token)?.kind).toBe("ort");
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(parseToken(second.body.access_token)?.kind).toBe("oat");
    expect((await me(world, second.body.access_token)).status).toBe(200);
    // Stored by hash only: neither token's value is a key of oauth_store.
    const db = await getDb();
    const raw = await db
      .select({ id: oauthStore.id })
      .from(oauthStore)
      .where(eq(oauthStore.id, second.body.refresh_token));
    expect(raw).toHaveLength(0);
    const hashed = await db
      .select({ id: oauthStore.id })
      .from(oauthStore)
      .where(
        and(
          eq(oauthStore.kind, "RefreshToken"),
          eq(oauthStore.id, hashToken(second.body.refresh_token)),
        ),
      );
    expect(hashed).toHaveLength(1);
  });

  it("a refresh token reused after the 10 s leeway revokes the whole grant", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const first = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const grantId = await grantOf(first.access_token);
    const second = await refresh(app, first.refresh_token as string);
    expect(second.status).toBe(200);
    testClock.advance(11_000);
    try {
      const replay = await refresh(app, first.refresh_token as string);
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe("invalid_grant");
    } finally {
      testClock.reset();
    }
    // The thief's and the client's tokens die together.
    expect((await refresh(app, second.body.refresh_token)).status).toBe(400);
    expect((await me(world, second.body.access_token)).status).toBe(401);
    expect((await me(world, first.access_token)).status).toBe(401);
    await expect
      .poll(async () => {
        const db = await getDb();
        const [grant] = await db
          .select({ revokedAt: oauthGrants.revokedAt })
          .from(oauthGrants)
          .where(eq(oauthGrants.id, grantId));
        return grant?.revokedAt;
      })
      .toBeTruthy();
    // The owner can see why in the audit log.
    const [audit] = await (await getDb())
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.targetId, grantId), eq(auditLogs.action, "oauth_grant.reuse_detected")),
      );
    expect(audit?.organizationId).toBe(acme);
  });

  it("within 10 s of its rotation, a concurrent retry gets an equivalent answer, not a revocation", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const first = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const [a, b] = await Promise.all([
      refresh(app, first.refresh_token as string),
      refresh(app, first.refresh_token as string),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const retry = await refresh(app, first.refresh_token as string);
    expect(retry.status).toBe(200);
    for (const answer of [a, b, retry]) {
      expect((await me(world, answer.body.access_token)).status).toBe(200);
    }
  });

  it("another client's refresh token is refused", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const other = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const stolen = await refresh(other, tokens.refresh_token as string);
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe("invalid_grant");
  });

  it("is never accepted as a Bearer credential, nor is an access token a refresh token", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    expect((await me(world, tokens.refresh_token as string)).status).toBe(401);
    expect((await refresh(app, tokens.access_token)).status).toBe(400);
  });
});

describe("revocation (RFC 7009)", () => {
  // oidc-provider revokes every token of the grant with it (RFC 7009 allows it), but the
  // person's consent (the grant) stays.
  it("revoking an access token ends it and its grant's tokens, not the consent", async () => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    expect((await me(world, tokens.access_token)).status).toBe(200);
    const response = await oauth.revocationRequest(
      world.as,
      app.client,
      app.auth,
      tokens.access_token,
      insecure,
    );
    expect(response.status).toBe(200);
    await oauth.processRevocationResponse(response);
    expect((await me(world, tokens.access_token)).status).toBe(401);
    expect((await refresh(app, tokens.refresh_token as string)).status).toBe(400);
    const grantId = (await getDb()).select({ revokedAt: oauthGrants.revokedAt }).from(oauthGrants);
    const rows = await grantId.where(eq(oauthGrants.appId, app.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.revokedAt).toBeNull();
  });

  it("revoking a refresh token ends the grant and its access tokens", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    expect((await me(world, tokens.access_token)).status).toBe(200);
    const response = await oauth.revocationRequest(
      world.as,
      app.client,
      app.auth,
      tokens.refresh_token as string,
      insecure,
    );
    expect(response.status).toBe(200);
    expect((await refresh(app, tokens.refresh_token as string)).status).toBe(400);
    await expect.poll(async () => (await me(world, tokens.access_token)).status).toBe(401);
  });

  it("another client cannot revoke a token it was not issued", async () => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const other = await createTestApp({ organizationId: acme, type: "confidential" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const response = await oauth.revocationRequest(
      world.as,
      other.client,
      other.auth,
      tokens.access_token,
      insecure,
    );
    expect(response.status).toBe(400);
    expect((await me(world, tokens.access_token)).status).toBe(200);
  });
});

describe("introspection (RFC 7662)", () => {
  it("tells a client about its own tokens only", async () => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const other = await createTestApp({ organizationId: acme, type: "confidential" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const own = await oauth.processIntrospectionResponse(
      world.as,
      app.client,
      await oauth.introspectionRequest(
        world.as,
        app.client,
        app.auth,
        tokens.access_token,
        insecure,
      ),
    );
    expect(own.active).toBe(true);
    expect(own.client_id).toBe(app.id);
    expect(own.aud).toBe(`${world.origin}/api/v1`);
    expect(own.sub).toBe(owner);
    expect(String(own.scope).split(" ").sort()).toEqual(["read:time-entries", "read:users"]);

    const foreign = await oauth.processIntrospectionResponse(
      world.as,
      other.client,
      await oauth.introspectionRequest(
        world.as,
        other.client,
        other.auth,
        tokens.access_token,
        insecure,
      ),
    );
    expect(foreign.active).toBe(false);
    expect(foreign.sub).toBeUndefined();
  });

  it("requires client authentication", async () => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const response = await fetch(world.as.introspection_endpoint as string, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.access_token, client_id: app.id }),
    });
    expect(response.status).toBe(401);
  });
});

describe("the store", () => {
  it("keeps no access token, refresh token or code in clear, only their hashes", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const rows = await (await getDb()).select().from(oauthStore);
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(tokens.access_token);
    expect(everything).not.toContain(tokens.refresh_token as string);
    expect(everything).not.toMatch(/vlt_o[ar]t_/);
    expect(rows.map((r) => r.id)).toContain(hashToken(tokens.access_token));
  });
});

describe("the resource side", () => {
  it("a grant's last use is recorded with the usage, off the request path", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const db = await getDb();
    const grantOf = async () => {
      const [row] = await db.select().from(oauthGrants).where(eq(oauthGrants.appId, app.id));
      return row;
    };
    expect((await grantOf())?.lastUsedAt).toBeNull();
    expect((await me(world, tokens.access_token)).status).toBe(200);
    await drainUsage();
    expect((await grantOf())?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("a warm token costs no database round trip; revoking its grant refuses it at once", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const first = await me(world, tokens.access_token);
    expect(first.status).toBe(200);
    if (!process.env.DATABASE_URL) {
      // cachedOnly: answered from memory, or refused; never read from the database.
      const warm = await verifyBearer(tokens.access_token, { cachedOnly: true });
      expect(warm.type).toBe("oauth");
    }
    const db = await getDb();
    await db.transaction((tx) => forgetGrants(tx, [first.body.data.token.id]));
    await expect(verifyBearer(tokens.access_token, { cachedOnly: true })).rejects.toThrow();
    const after = await me(world, tokens.access_token);
    expect(after.status).toBe(401);
    const [grant] = await db
      .select({ revokedAt: oauthGrants.revokedAt })
      .from(oauthGrants)
      .where(eq(oauthGrants.id, first.body.data.token.id));
    expect(grant?.revokedAt).toBeTruthy();
    const left = await db
      .select({ id: oauthStore.id })
      .from(oauthStore)
      .where(eq(oauthStore.grantId, first.body.data.token.id));
    expect(left).toHaveLength(0);
    expect((await refresh(app, tokens.refresh_token as string)).status).toBe(400);
  });

  it("an expired access token is refused", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    expect((await me(world, tokens.access_token)).status).toBe(200);
    testClock.advance(3601_000);
    try {
      const late = await me(world, tokens.access_token);
      expect(late.status).toBe(401);
    } finally {
      testClock.reset();
    }
  });

  it("a token stays in its grant's organization: X-Organization-ID cannot move it", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const response = await fetch(`${world.origin}/api/v1/auth/me`, {
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        "x-organization-id": await orgId("globex"),
      },
    });
    expect(response.status).toBe(403);
  });

  it("scopes follow the user's current role: a demoted admin's token loses admin scopes", async () => {
    const { makeUser } = await import("@/tests/helpers/tokens");
    const { memberships } = await import("@/db/schema");
    const { publishAuthChange } = await import("@/server/auth/auth-bus");
    const admin = await makeUser("acme", "admin");
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(
      world,
      app,
      { userId: admin.id, organizationId: acme },
      {
        scope: "read:users read:audit-logs",
      },
    );
    expect((await me(world, tokens.access_token)).body.data.scopes.sort()).toEqual([
      "read:audit-logs",
      "read:users",
    ]);
    const db = await getDb();
    await db.transaction(async (tx) => {
      await tx
        .update(memberships)
        .set({ role: "member" })
        .where(and(eq(memberships.userId, admin.id), eq(memberships.organizationId, acme)));
      await publishAuthChange(tx, { userId: admin.id, organizationId: acme });
    });
    expect((await me(world, tokens.access_token)).body.data.scopes).toEqual(["read:users"]);
  });
});

describe("maintenance", () => {
  it("forgets expired OAuth records and keeps live ones", async () => {
    const { pruneOAuthStore } = await import("@/server/maintenance/prune-oauth-store");
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    const db = await getDb();
    const record = and(
      eq(oauthStore.kind, "AccessToken"),
      eq(oauthStore.id, hashToken(tokens.access_token)),
    );
    await pruneOAuthStore(db, { before: new Date() });
    expect(await db.select({ id: oauthStore.id }).from(oauthStore).where(record)).toHaveLength(1);
    const pruned = await pruneOAuthStore(db, { before: new Date(Date.now() + 2 * 3600_000) });
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(await db.select({ id: oauthStore.id }).from(oauthStore).where(record)).toHaveLength(0);
    // The refresh token (30 days) is still there.
    const refresh = await db
      .select({ id: oauthStore.id })
      .from(oauthStore)
      .where(
        and(
          eq(oauthStore.kind, "RefreshToken"),
          eq(oauthStore.id, hashToken(tokens.refresh_token as string)),
        ),
      );
    expect(refresh).toHaveLength(1);
  });
});
