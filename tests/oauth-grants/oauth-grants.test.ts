import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as grantRoute from "@/app/api/v1/oauth-grants/[id]/route";
import * as grantsRoute from "@/app/api/v1/oauth-grants/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { getDb } from "@/db";
import { auditLogs, oauthGrants, oauthStore } from "@/db/schema";
import { createGrant, createKey, DEMO, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

let member: { id: string; token: string };

beforeAll(async () => {
  const user = await makeUser("acme");
  member = { id: user.id, token: (await login(user.email)).access_token };
});

function revoke(id: string, token: string) {
  return invoke(grantRoute.DELETE, {
    method: "DELETE",
    path: `/oauth-grants/${id}`,
    token,
    params: { id },
  });
}

describe("GET /oauth-grants", () => {
  it("lists the caller's own grants in force, in every organization, newest first", async () => {
    const first = await createGrant(member.id, "acme", ["read:users"]);
    const second = await createGrant(member.id, "acme", ["read:users", "read:time-entries"]);
    const someoneElses = await createGrant(await userId(DEMO.acmeMember), "acme");
    const res = await invoke(grantsRoute.GET, { path: "/oauth-grants", token: member.token });
    expect(res.status).toBe(200);
    expect(res.body.data.map((g: { id: string }) => g.id)).toEqual([second.id, first.id]);
    expect(res.body.data[0]).toMatchObject({
      app: { id: second.app.id, name: second.app.name, registration: "dashboard" },
      user: { id: member.id },
      organization: { name: "Acme" },
      scopes: ["read:users", "read:time-entries"],
      last_used_at: null,
      revoked_at: null,
    });
    expect(JSON.stringify(res.body)).not.toContain(someoneElses.id);
  });

  it("lists every grant of the organization for its owners and admins only", async () => {
    const grant = await createGrant(member.id, "acme");
    const globex = await createGrant(await userId(DEMO.globexOwner), "globex");
    const owner = (await login(DEMO.acmeOwner)).access_token;
    const all = await invoke(grantsRoute.GET, { path: "/oauth-grants?user=all", token: owner });
    expect(all.status).toBe(200);
    const ids = all.body.data.map((g: { id: string }) => g.id);
    expect(ids).toContain(grant.id);
    expect(ids).not.toContain(globex.id);

    const refused = await invoke(grantsRoute.GET, {
      path: "/oauth-grants?user=all",
      token: member.token,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({
      reason: "missing_scope",
      required_scope: "read:oauth-apps",
      hint: expect.any(String),
    });
  });
});

describe("DELETE /oauth-grants/{id}", () => {
  it("lets the user revoke their grant: its records go, it leaves the list, it is audited", async () => {
    const grant = await createGrant(member.id, "acme");
    const db = await getDb();
    await db.insert(oauthStore).values({
      kind: "AccessToken",
      id: `hash-${grant.id}`,
      payload: { clientId: grant.app.id },
      grantId: grant.id,
    });
    const res = await revoke(grant.id, member.token);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: grant.id, revoked: true });
    const [row] = await db.select().from(oauthGrants).where(eq(oauthGrants.id, grant.id));
    expect(row?.revokedAt).toBeInstanceOf(Date);
    expect(await db.$count(oauthStore, eq(oauthStore.grantId, grant.id))).toBe(0);
    const list = await invoke(grantsRoute.GET, { path: "/oauth-grants", token: member.token });
    expect(JSON.stringify(list.body)).not.toContain(grant.id);
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, grant.id), eq(auditLogs.action, "oauth_grant.revoked")));
    expect(audits).toHaveLength(1);

    // Idempotent: the same answer, no second entry.
    expect((await revoke(grant.id, member.token)).status).toBe(200);
    expect(
      await db.$count(
        auditLogs,
        and(eq(auditLogs.targetId, grant.id), eq(auditLogs.action, "oauth_grant.revoked")),
      ),
    ).toBe(1);
  });

  it("lets an owner revoke a member's grant, not a member another's, nor another org's owner", async () => {
    const grant = await createGrant(member.id, "acme");
    const other = await login(DEMO.acmeMember);
    expect((await revoke(grant.id, other.access_token)).status).toBe(403);
    const globexOwner = (await createKey(DEMO.globexOwner, "globex", ["write:oauth-apps"])).secret;
    expect((await revoke(grant.id, globexOwner)).status).toBe(403);
    const owner = (await createKey(DEMO.acmeOwner, "acme", ["write:oauth-apps"])).secret;
    expect((await revoke(grant.id, owner)).status).toBe(200);
  });

  it("answers 404 for an id that exists nowhere", async () => {
    const res = await revoke("grant_doesnotexist000", member.token);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});

describe("a member's removal", () => {
  it("revokes the grants they gave apps in that organization, not elsewhere", async () => {
    const user = await makeUser("acme");
    const here = await createGrant(user.id, "acme");
    const db = await getDb();
    const owner = (await createKey(DEMO.acmeOwner, "acme", ["write:users"])).secret;
    const removed = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${user.id}`,
      token: owner,
      params: { id: user.id },
    });
    expect(removed.status).toBe(200);
    const [row] = await db.select().from(oauthGrants).where(eq(oauthGrants.id, here.id));
    expect(row?.revokedAt).toBeInstanceOf(Date);
    const stillMine = await createGrant(member.id, "acme");
    const [untouched] = await db.select().from(oauthGrants).where(eq(oauthGrants.id, stillMine.id));
    expect(untouched?.revokedAt).toBeNull();
  });
});
