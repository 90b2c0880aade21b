import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as secretRoute from "@/app/api/v1/oauth-apps/[id]/route";
import * as deleteSecretRoute from "@/app/api/v1/oauth-apps/[id]/secrets/[secret_id]/route";
import * as secretsRoute from "@/app/api/v1/oauth-apps/[id]/secrets/route";
import * as appsRoute from "@/app/api/v1/oauth-apps/route";
import { getDb } from "@/db";
import { auditLogs, oauthApps, oauthClientSecrets, oauthGrants, oauthStore } from "@/db/schema";
import { newId } from "@/lib/ids";
import { hashToken, parseToken } from "@/server/tokens/format";
import { createApp, createKey, DEMO, orgId, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

const appRoute = secretRoute;
let owner: string;
let member: string;
let globex: string;

beforeAll(async () => {
  owner = (await createKey(DEMO.acmeOwner, "acme", ["read:oauth-apps", "write:oauth-apps"])).secret;
  member = (await createKey(DEMO.acmeMember, "acme", ["read:users"])).secret;
  globex = (await createKey(DEMO.globexOwner, "globex", ["read:oauth-apps", "write:oauth-apps"]))
    .secret;
});

function register(body: unknown, token = owner) {
  return invoke(appsRoute.POST, { method: "POST", path: "/oauth-apps", token, body });
}

const CONFIDENTIAL = {
  name: "Timesheet Sync",
  redirect_uris: ["https://sync.example.com/oauth/callback", "http://127.0.0.1/callback"],
  client_type: "confidential",
  homepage_url: "https://sync.example.com",
};

describe("registering an OAuth app", () => {
  it("shows a confidential app's client secret once, and stores only its hash", async () => {
    const res = await register(CONFIDENTIAL);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const app = res.body.data;
    expect(app.id).toMatch(/^app_/);
    expect(app.client_id).toBe(app.id);
    expect(app).toMatchObject({
      name: "Timesheet Sync",
      client_type: "confidential",
      registration: "dashboard",
      redirect_uris: CONFIDENTIAL.redirect_uris,
      homepage_url: "https://sync.example.com",
      organization_id: await orgId("acme"),
      created_by: { id: await userId(DEMO.acmeOwner), email: DEMO.acmeOwner },
      active_grants: 0,
    });
    expect(parseToken(app.client_secret)?.kind).toBe("cs");
    expect(app.secrets).toHaveLength(1);
    expect(app.secrets[0]).toMatchObject({ prefix: "vlt_cs_", last4: app.client_secret.slice(-4) });

    const db = await getDb();
    const [stored] = await db
      .select()
      .from(oauthClientSecrets)
      .where(eq(oauthClientSecrets.appId, app.id));
    expect(stored?.secretHash).toBe(hashToken(app.client_secret));
    expect(JSON.stringify(stored)).not.toContain(app.client_secret);

    // Never again: not in the app, nor in the list.
    const got = await invoke(appRoute.GET, {
      path: `/oauth-apps/${app.id}`,
      token: owner,
      params: { id: app.id },
    });
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(app.client_secret);
    const list = await invoke(appsRoute.GET, { path: "/oauth-apps", token: owner });
    expect(list.body.data.map((a: { id: string }) => a.id)).toContain(app.id);
    expect(JSON.stringify(list.body)).not.toContain(app.client_secret);

    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, app.id), eq(auditLogs.action, "oauth_app.created")));
    expect(audit?.metadata).toMatchObject({ name: "Timesheet Sync", client_type: "confidential" });
  });

  it("gives a public app no secret, and it cannot get one", async () => {
    const res = await register({ ...CONFIDENTIAL, client_type: "public" });
    expect(res.status).toBe(201);
    expect(res.body.data.client_secret).toBeUndefined();
    expect(res.body.data.secrets).toEqual([]);
    const secret = await invoke(secretsRoute.POST, {
      method: "POST",
      path: `/oauth-apps/${res.body.data.id}/secrets`,
      token: owner,
      params: { id: res.body.data.id },
    });
    expect(secret.status).toBe(409);
    expect(secret.body.error.code).toBe("CONFLICT");
  });

  it.each([
    [{ ...CONFIDENTIAL, redirect_uris: ["http://app.example.com/cb"] }, "loopback only"],
    [{ ...CONFIDENTIAL, redirect_uris: ["https://app.example.com/cb#frag"] }, "fragment"],
    [{ ...CONFIDENTIAL, redirect_uris: ["javascript:alert(1)"] }, "javascript:"],
    [{ ...CONFIDENTIAL, redirect_uris: ["myapp:/cb"] }, "reversed domain name"],
    [{ ...CONFIDENTIAL, redirect_uris: ["/relative"] }, "not an absolute URL"],
    [{ ...CONFIDENTIAL, redirect_uris: ["https://u:p@app.example.com/cb"] }, "password"],
    [{ ...CONFIDENTIAL, redirect_uris: [] }, "at least one redirect URI"],
    [{ ...CONFIDENTIAL, redirect_uris: ["https://a.test/cb", "https://a.test/cb"] }, "repeat"],
    [{ ...CONFIDENTIAL, client_type: "secret" }, "client_type"],
    [{ ...CONFIDENTIAL, homepage_url: "ftp://x.test" }, "homepage_url"],
    [{ ...CONFIDENTIAL, name: " " }, "name is required"],
  ])("refuses %j with a 400 that names the problem (%s)", async (body, problem) => {
    const db = await getDb();
    const before = await db.$count(oauthApps);
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(res.body.error)).toContain(problem);
    expect(await db.$count(oauthApps)).toBe(before);
  });

  it("accepts a native app's reversed-domain scheme and loopback addresses", async () => {
    const res = await register({
      name: "CLI",
      client_type: "public",
      redirect_uris: ["com.example.cli:/callback", "http://[::1]/cb", "http://localhost/cb"],
    });
    expect(res.status).toBe(201);
  });

  it("is for owners and admins: a member's key lacks the scope", async () => {
    const res = await register(CONFIDENTIAL, member);
    expect(res.status).toBe(403);
    expect(res.body.error.details).toEqual({
      reason: "missing_scope",
      required_scope: "write:oauth-apps",
      hint: expect.any(String),
    });
  });
});

describe("an app's client secrets", () => {
  it("holds two live secrets for a rotation with no downtime, never three", async () => {
    const app = await createApp("acme");
    const path = `/oauth-apps/${app.id}/secrets`;
    const second = await invoke(secretsRoute.POST, {
      method: "POST",
      path,
      token: owner,
      params: { id: app.id },
    });
    expect(second.status).toBe(201);
    expect(second.headers.get("cache-control")).toBe("no-store");
    expect(parseToken(second.body.data.client_secret)?.kind).toBe("cs");
    const third = await invoke(secretsRoute.POST, {
      method: "POST",
      path,
      token: owner,
      params: { id: app.id },
    });
    expect(third.status).toBe(409);
    expect(third.body.error.details).toEqual({ limit: 2 });

    // The old one goes; a new one fits again.
    const oldId = app.secrets[0]?.id as string;
    const deleted = await invoke(deleteSecretRoute.DELETE, {
      method: "DELETE",
      path: `${path}/${oldId}`,
      token: owner,
      params: { id: app.id, secret_id: oldId },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.secrets.map((s: { id: string }) => s.id)).toEqual([
      second.body.data.id,
    ]);
    const again = await invoke(deleteSecretRoute.DELETE, {
      method: "DELETE",
      path: `${path}/${oldId}`,
      token: owner,
      params: { id: app.id, secret_id: oldId },
    });
    expect(again.status).toBe(404);
    const db = await getDb();
    const actions = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(eq(auditLogs.targetId, app.id));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "oauth_app.created",
      "oauth_app.secret_created",
      "oauth_app.secret_revoked",
    ]);
  });

  it("gives one of two concurrent requests the last slot, and the other a 409", async () => {
    const app = await createApp("acme");
    const results = await Promise.all(
      [1, 2].map(() =>
        invoke(secretsRoute.POST, {
          method: "POST",
          path: `/oauth-apps/${app.id}/secrets`,
          token: owner,
          params: { id: app.id },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const db = await getDb();
    expect(await db.$count(oauthClientSecrets, eq(oauthClientSecrets.appId, app.id))).toBe(2);
  });
});

describe("changing and deleting an app", () => {
  it("audits each change with its before and after", async () => {
    const app = await createApp("acme", { name: "Before" });
    const res = await invoke(appRoute.PATCH, {
      method: "PATCH",
      path: `/oauth-apps/${app.id}`,
      token: owner,
      params: { id: app.id },
      body: { name: "After", redirect_uris: ["https://after.example.test/cb"] },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: "After",
      redirect_uris: ["https://after.example.test/cb"],
    });
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, app.id), eq(auditLogs.action, "oauth_app.updated")));
    expect(audit?.metadata).toEqual({
      name: "After",
      changes: {
        name: { from: "Before", to: "After" },
        redirect_uris: {
          from: ["https://app.example.test/callback"],
          to: ["https://after.example.test/cb"],
        },
      },
    });
    const empty = await invoke(appRoute.PATCH, {
      method: "PATCH",
      path: `/oauth-apps/${app.id}`,
      token: owner,
      params: { id: app.id },
      body: {},
    });
    expect(empty.status).toBe(400);
  });

  it("deleting an app revokes every grant and forgets every token it holds", async () => {
    const app = await createApp("acme");
    const other = await createApp("acme");
    const db = await getDb();
    const grant = (appId: string) => ({
      id: newId("grant"),
      appId,
      userId: "",
      organizationId: "",
      scopes: ["read:users" as const],
    });
    const [user, org] = [await userId(DEMO.acmeMember), await orgId("acme")];
    const mine = { ...grant(app.id), userId: user, organizationId: org };
    const theirs = { ...grant(other.id), userId: user, organizationId: org };
    await db.insert(oauthGrants).values([mine, theirs]);
    await db.insert(oauthStore).values([
      { kind: "AccessToken", id: "a1", payload: { clientId: app.id }, grantId: mine.id },
      { kind: "AuthorizationCode", id: "c1", payload: { clientId: app.id } },
      { kind: "AccessToken", id: "a2", payload: { clientId: other.id }, grantId: theirs.id },
    ]);

    const res = await invoke(appRoute.DELETE, {
      method: "DELETE",
      path: `/oauth-apps/${app.id}`,
      token: owner,
      params: { id: app.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: app.id, deleted: true });
    expect(await db.$count(oauthApps, eq(oauthApps.id, app.id))).toBe(0);
    expect(await db.$count(oauthGrants, eq(oauthGrants.appId, app.id))).toBe(0);
    expect(await db.$count(oauthClientSecrets, eq(oauthClientSecrets.appId, app.id))).toBe(0);
    expect((await db.select({ id: oauthStore.id }).from(oauthStore)).map((r) => r.id)).toEqual([
      "a2",
    ]);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, app.id), eq(auditLogs.action, "oauth_app.deleted")));
    expect(audit?.metadata).toMatchObject({ grants_revoked: 1 });

    const gone = await invoke(appRoute.GET, {
      path: `/oauth-apps/${app.id}`,
      token: owner,
      params: { id: app.id },
    });
    expect(gone.status).toBe(404);
  });

  it("another organization's app is a 403 that tells nothing of it; an unknown id a 404", async () => {
    const app = await createApp("acme", { name: "Acme internal" });
    for (const [route, method, body] of [
      [appRoute.GET, "GET", undefined],
      [appRoute.PATCH, "PATCH", { name: "taken" }],
      [appRoute.DELETE, "DELETE", undefined],
    ] as const) {
      const res = await invoke(route, {
        method,
        path: `/oauth-apps/${app.id}`,
        token: globex,
        params: { id: app.id },
        body,
      });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain("Acme internal");
    }
    const unknown = await invoke(appRoute.GET, {
      path: "/oauth-apps/app_doesnotexist0000",
      token: owner,
      params: { id: "app_doesnotexist0000" },
    });
    expect(unknown.status).toBe(404);
    const list = await invoke(appsRoute.GET, { path: "/oauth-apps", token: globex });
    expect(list.body.data.map((a: { id: string }) => a.id)).not.toContain(app.id);
  });
});
