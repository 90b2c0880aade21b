import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import * as githubRoute from "@/app/api/v1/secret-scanning/github/route";
import { getDb } from "@/db";
import {
  apiKeys,
  auditLogs,
  oauthClientSecrets,
  oauthGrants,
  oauthStore,
  webhookDeliveries,
  webhookEndpoints,
} from "@/db/schema";
import { testClock } from "@/lib/clock";
import { generateToken, hashToken } from "@/server/tokens/format";
import { createApp, createGrant, createKey, DEMO, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { mailsTo } from "@/tests/helpers/mail";
import { login } from "@/tests/helpers/tokens";
import { insertOAuthAccessToken } from "@/tests/support/oauth-access-token";
import {
  type KeysServer,
  type SigningKey,
  signBody,
  signingKey,
  startKeysServer,
} from "./github-keys-server";
import { insertWebhookEndpoint } from "./leak-fixtures";

let keys: KeysServer;
let current: SigningKey;

beforeAll(async () => {
  current = signingKey("github-key-1");
  keys = await startKeysServer([current]);
});
afterAll(async () => {
  testClock.reset();
  await keys.close();
});

interface Item {
  token: string;
  type?: string;
  url?: string;
  source?: string;
}

function report(
  items: Item[],
  signing: { key?: SigningKey; keyId?: string; signature?: string; unsigned?: boolean } = {},
) {
  const body = JSON.stringify(
    items.map((i) => ({
      token: i.token,
      type: i.type ?? "voltasis_secret",
      url: i.url ?? "https://github.com/octo/leaky/blob/main/.env",
      source: i.source ?? "content",
    })),
  );
  const key = signing.key ?? current;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (!signing.unsigned) {
    headers["github-public-key-identifier"] = signing.keyId ?? key.id;
    headers["github-public-key-signature"] = signing.signature ?? signBody(key, body);
  }
  return invoke(githubRoute.POST, {
    method: "POST",
    path: "/secret-scanning/github",
    headers,
    rawBody: body,
  });
}

const me = (token: string) => invoke(meRoute.GET, { path: "/auth/me", token });

async function keyRevoked(id: string) {
  const [row] = await (await getDb())
    .select({ revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.id, id));
  return row?.revokedAt ?? null;
}

describe("GitHub's signature", () => {
  it.each([
    ["unsigned", { unsigned: true }],
    ["signed by another key under GitHub's key id", { key: signingKey("github-key-1") }],
    ["signed with an unknown key id", { keyId: "not-a-github-key" }],
    ["a signature that is not base64 DER", { signature: "bm90IGEgc2lnbmF0dXJl" }],
  ])("refuses a report %s with 401, and revokes nothing", async (_name, signing) => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await report([{ token: secret }], signing);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHORIZED");
    expect(await keyRevoked(key.id)).toBeNull();
    expect((await me(secret)).status).toBe(200);
  });

  it("refuses a body changed after signing", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const body = JSON.stringify([{ token: secret, type: "t", url: "u", source: "content" }]);
    const res = await invoke(githubRoute.POST, {
      method: "POST",
      path: "/secret-scanning/github",
      headers: {
        "content-type": "application/json",
        "github-public-key-identifier": current.id,
        "github-public-key-signature": signBody(current, body.replace("content", "commit")),
      },
      rawBody: body,
    });
    expect(res.status).toBe(401);
    expect(await keyRevoked(key.id)).toBeNull();
  });
});

describe("a signed report", () => {
  it("labels live, revoked, unknown and garbage tokens, revoking only what still works", async () => {
    const live = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const revoked = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    await (await getDb())
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.id, revoked.key.id));
    const unknown = generateToken("test");
    const garbage = "vlt_test_not-a-real-token";
    const res = await report([
      { token: live.secret, type: "voltasis_api_key" },
      { token: revoked.secret, type: "voltasis_api_key" },
      { token: unknown, type: "voltasis_api_key" },
      { token: garbage, type: "voltasis_garbage" },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        token_hash: hashToken(live.secret),
        token_type: "voltasis_api_key",
        label: "true_positive",
      },
      {
        token_hash: hashToken(revoked.secret),
        token_type: "voltasis_api_key",
        label: "true_positive",
      },
      { token_hash: hashToken(unknown), token_type: "voltasis_api_key", label: "false_positive" },
      { token_hash: hashToken(garbage), token_type: "voltasis_garbage", label: "false_positive" },
    ]);
    expect((await me(live.secret)).status).toBe(401);
    expect(await keyRevoked(live.key.id)).not.toBeNull();
  });

  it("audits the exposure with where it was found, mails the owner and the organization's owners, and fires api_key.exposed", async () => {
    const owner = await userId(DEMO.acmeOwner);
    const endpoint = await insertWebhookEndpoint("acme", owner);
    const { key, secret } = await createKey(DEMO.acmeMember, "acme", ["read:users"], {
      name: "CI deploy key",
    });
    const url = "https://github.com/octo/leaky/blob/main/deploy.sh";
    const res = await report([{ token: secret, url, source: "commit" }]);
    expect(res.body[0].label).toBe("true_positive");

    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, key.id), eq(auditLogs.action, "api_key.exposed")));
    expect(audit).toMatchObject({
      actorUserId: null,
      actorTokenId: "github_secret_scanning",
      targetType: "api_key",
    });
    expect(audit?.metadata).toMatchObject({ url, source: "commit", name: "CI deploy key" });
    expect(JSON.stringify(audit)).not.toContain(secret);

    const display = `${secret.slice(0, 13)}…${secret.slice(-4)}`;
    for (const address of [DEMO.acmeMember, DEMO.acmeOwner]) {
      const mails = (await mailsTo(address)).filter((m) => m.text.includes(display));
      expect(mails, address).toHaveLength(1);
      const [mail] = mails;
      expect(mail?.text).toContain("CI deploy key");
      expect(mail?.text).toContain(url);
      expect(mail?.text).toContain("revoked");
      expect(mail?.html).toContain("CI deploy key");
      expect(mail?.text).not.toContain(secret);
    }
    expect((await mailsTo(DEMO.acmeMember)).find((m) => m.text.includes(display))?.text).toContain(
      "belongs to you",
    );

    const deliveries = await db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.endpointId, endpoint.id),
          eq(webhookDeliveries.eventType, "api_key.exposed"),
        ),
      );
    const event = deliveries.map((d) => JSON.parse(d.body)).find((b) => b.data.id === key.id);
    expect(event?.data).toMatchObject({
      id: key.id,
      name: "CI deploy key",
      prefix: secret.slice(0, 13),
      last4: secret.slice(-4),
      url,
      source: "commit",
      revoked_at: expect.any(String),
    });
  });

  it("revokes a leaked access token's login: the access and refresh tokens both stop", async () => {
    const pair = await login(DEMO.acmeMember);
    const res = await report([{ token: pair.access_token }]);
    expect(res.body[0].label).toBe("true_positive");
    expect((await me(pair.access_token)).status).toBe(401);
    const refreshed = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: pair.refresh_token },
    });
    expect(refreshed.status).toBe(401);
  });

  it("revokes a leaked refresh token's family", async () => {
    const pair = await login(DEMO.acmeOwner);
    const res = await report([{ token: pair.refresh_token }]);
    expect(res.body[0].label).toBe("true_positive");
    expect((await me(pair.access_token)).status).toBe(401);
  });

  it("revokes the grant of a leaked OAuth access or refresh token", async () => {
    const db = await getDb();
    const member = await userId(DEMO.acmeMember);
    for (const kind of ["access", "refresh"] as const) {
      const grant = await createGrant(member, "acme", ["read:users"]);
      const access = await insertOAuthAccessToken(db, { ...grant, scopes: grant.scopes });
      let reported = access;
      if (kind === "refresh") {
        reported = generateToken("ort");
        await db.insert(oauthStore).values({
          kind: "RefreshToken",
          id: hashToken(reported),
          grantId: grant.id,
          expiresAt: new Date(Date.now() + 86_400_000),
          payload: { kind: "RefreshToken", accountId: member, grantId: grant.id },
        });
      }
      expect((await me(access)).status, kind).toBe(200);
      const res = await report([{ token: reported }]);
      expect(res.body[0].label, kind).toBe("true_positive");
      expect((await me(access)).status, kind).toBe(401);
      const [row] = await db
        .select({ revokedAt: oauthGrants.revokedAt })
        .from(oauthGrants)
        .where(eq(oauthGrants.id, grant.id));
      expect(row?.revokedAt, kind).not.toBeNull();
    }
  });

  it("deletes a leaked OAuth client secret", async () => {
    const app = await createApp("acme");
    const secret = "client_secret" in app ? (app.client_secret ?? "") : "";
    const res = await report([{ token: secret }]);
    expect(res.body[0].label).toBe("true_positive");
    const db = await getDb();
    expect(
      await db.$count(oauthClientSecrets, eq(oauthClientSecrets.secretHash, hashToken(secret))),
    ).toBe(0);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, app.id), eq(auditLogs.action, "credential.exposed")));
    expect(audit?.metadata).toMatchObject({ kind: "client_secret", last4: secret.slice(-4) });
  });

  it("reports a leaked webhook signing secret to its owners without rotating it", async () => {
    const owner = await userId(DEMO.acmeOwner);
    const endpoint = await insertWebhookEndpoint("acme", owner);
    const res = await report([{ token: endpoint.secret, type: "voltasis_webhook_secret" }]);
    expect(res.body[0]).toEqual({
      token_hash: hashToken(endpoint.secret),
      token_type: "voltasis_webhook_secret",
      label: "true_positive",
    });
    const db = await getDb();
    const [row] = await db
      .select({ secretHash: webhookEndpoints.secretHash })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(row?.secretHash).toBe(hashToken(endpoint.secret));
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, endpoint.id), eq(auditLogs.action, "credential.exposed")));
    expect(audit?.targetType).toBe("webhook");
    const mails = (await mailsTo(DEMO.acmeOwner)).filter((m) =>
      m.text.includes(`${endpoint.secret.slice(0, 10)}…`),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("still works");
  });

  it("mails nobody again for a secret already revoked by an earlier report", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    await report([{ token: secret }]);
    await report([{ token: secret }]);
    const display = `${secret.slice(0, 13)}…${secret.slice(-4)}`;
    expect((await mailsTo(DEMO.acmeOwner)).filter((m) => m.text.includes(display))).toHaveLength(1);
  });

  it("answers a 1,000-token report within a few seconds", async () => {
    const live = await Promise.all(
      Array.from({ length: 5 }, () => createKey(DEMO.acmeOwner, "acme", ["read:users"])),
    );
    const items: Item[] = [
      ...live.map((k) => ({ token: k.secret })),
      ...Array.from({ length: 995 }, (_, i) => ({
        token: i % 2 ? generateToken("live") : `garbage-${i}`,
      })),
    ];
    const started = performance.now();
    const res = await report(items);
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1000);
    expect(res.body.filter((f: { label: string }) => f.label === "true_positive")).toHaveLength(5);
    for (const k of live) expect(await keyRevoked(k.key.id)).not.toBeNull();
    expect(ms).toBeLessThan(5_000);
  });
});

describe("GitHub's key set", () => {
  it("keeps the last good set when a refresh fails, and takes a new key once GitHub publishes it", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    // Past the hour: the set is stale, the refresh fails, the last good set still verifies.
    keys.serve = { status: 503 };
    const before = keys.requests;
    testClock.advance(2 * 60 * 60_000);
    const res = await report([{ token: generateToken("test") }]);
    expect(keys.requests).toBeGreaterThan(before);
    expect(res.status).toBe(200);

    // GitHub rotates: a report signed with the new key is accepted once the set is fetched.
    const next = signingKey("github-key-2");
    keys.serve = { keys: [next, current] };
    testClock.advance(2 * 60_000);
    const rotated = await report([{ token: secret }], { key: next });
    expect(rotated.status).toBe(200);
    expect(rotated.body[0].label).toBe("true_positive");
  });
});
