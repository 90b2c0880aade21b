import { beforeAll, describe, expect, it } from "vitest";
import * as credentialsRoute from "@/app/api/v1/credentials/route";
import { getDb } from "@/db";
import { createKey, DEMO, orgId, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";
import { ageKey, cookieOf, memberWithEverything, signIn } from "./credentials-world";

// GET /credentials: every working credential of the organization, for its owners and admins.

let ownerToken: string;
beforeAll(async () => {
  await getDb();
  ownerToken = (await login(DEMO.acmeOwner)).access_token;
});

function list(query: string, token = ownerToken, headers?: Record<string, string>) {
  return invoke(credentialsRoute.GET, { path: `/credentials${query}`, token, headers });
}

describe("GET /credentials", () => {
  it("lists a member's key, user tokens, grant and browser session, newest first", async () => {
    const m = await memberWithEverything();
    const res = await list(`?member=${m.user.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.data as { id: string; type: string }[];
    expect(items.map((i) => i.type)).toEqual(["session", "oauth_grant", "user_token", "api_key"]);
    const holder = { id: m.user.id, name: expect.any(String), email: m.user.email };
    expect(items[0]).toEqual({
      id: `ses_${m.session.sid}`,
      type: "session",
      name: expect.any(String),
      holder,
      created_at: expect.any(String),
      last_used_at: expect.any(String),
      expires_at: expect.any(String),
      detail: null,
    });
    expect(items[1]).toMatchObject({
      id: m.grant.id,
      name: m.grant.app.name,
      detail: m.grant.app.id,
      expires_at: null,
      last_used_at: null,
    });
    expect(items[2]).toMatchObject({ type: "user_token", name: "User token", holder });
    expect(items[2]?.id).toMatch(/^fam_/);
    expect(items[3]).toMatchObject({
      id: m.key.id,
      name: m.key.name,
      detail: `${m.key.prefix}…${m.key.last4}`,
      last_used_at: null,
    });
    // The secret or its hash never leaves.
    expect(JSON.stringify(res.body)).not.toContain(m.secret);
    expect(JSON.stringify(res.body)).not.toContain("secret_hash");
    expect(res.body.next_cursor).toBeNull();
  });

  it("filters by type, unused days and age; leaves out revoked and expired keys", async () => {
    const m = await memberWithEverything();
    const keys = await list(`?member=${m.user.id}&type=api_key`);
    expect(keys.body.data.map((i: { id: string }) => i.id)).toEqual([m.key.id]);

    await ageKey(m.key.id, 200, 120);
    const unused = await list(`?member=${m.user.id}&unused_days=90`);
    expect(unused.body.data.map((i: { id: string }) => i.id)).toEqual([m.key.id]);
    expect((await list(`?member=${m.user.id}&unused_days=180`)).body.data).toEqual([]);
    const old = await list(`?member=${m.user.id}&older_than_days=180`);
    expect(old.body.data.map((i: { id: string }) => i.id)).toEqual([m.key.id]);
    expect((await list(`?member=${m.user.id}&older_than_days=365`)).body.data).toEqual([]);
  });

  it("pages through every kind with a cursor, with no item twice", async () => {
    const m = await memberWithEverything();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(
        `?member=${m.user.id}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((i: { id: string }) => i.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it.each([
    ["?unused_days=0", "unused_days"],
    ["?older_than_days=abc", "older_than_days"],
    ["?type=password", "type"],
    ["?member=alice", "member"],
    ["?limit=500", "limit"],
    ["?cursor=bm90LWEtY3Vyc29y", "cursor"],
  ])("%s is a 400 naming %s", async (query, field) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });

  it("refuses members, whatever their scopes", async () => {
    const member = await login(DEMO.acmeMember);
    const res = await list("", member.access_token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("an API key with read:api-keys lists keys and tokens, never browser sessions", async () => {
    const m = await memberWithEverything();
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const res = await list(`?member=${m.user.id}`, secret);
    expect(res.status).toBe(200);
    // No session, and no grant without read:oauth-apps.
    expect(res.body.data.map((i: { type: string }) => i.type)).toEqual(["user_token", "api_key"]);
    const sessions = await list("?type=session", secret);
    expect(sessions.status).toBe(403);
  });

  it("the dashboard's session lists sessions too", async () => {
    const m = await memberWithEverything();
    const owner = await signIn({ id: await userId(DEMO.acmeOwner) });
    const res = await invoke(credentialsRoute.GET, {
      path: `/credentials?member=${m.user.id}&type=session`,
      headers: await cookieOf(owner),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((i: { id: string }) => i.id)).toEqual([`ses_${m.session.sid}`]);
  });

  it("another organization learns nothing: Globex's owner sees none of Acme's, and cannot enter", async () => {
    const m = await memberWithEverything();
    const globex = await login(DEMO.globexOwner);
    const res = await list(`?member=${m.user.id}`, globex.access_token);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    const into = await list("", globex.access_token, { "x-organization-id": await orgId("acme") });
    expect(into.status).toBe(403);
    expect(into.body.error.details.reason).toBe("organization_not_allowed");
    const all = await list("?limit=100", globex.access_token);
    const acme = await orgId("acme");
    expect(JSON.stringify(all.body)).not.toContain(m.user.id);
    expect(JSON.stringify(all.body)).not.toContain(acme);
  });

  it("a user of another organization has nothing listed here", async () => {
    const other = await makeUser("globex");
    await signIn(other, "globex");
    const res = await list(`?member=${other.id}`);
    expect(res.body.data).toEqual([]);
  });
});
