import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as organizationRoute from "@/app/api/v1/organizations/[id]/route";
import * as organizationsRoute from "@/app/api/v1/organizations/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { auditLogs } from "@/db/schema";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createKey, DEMO, orgId, sessionContextOf } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});

function setRole(token: string, id: string, role: string, headers?: Record<string, string>) {
  return invoke(userRoute.PATCH, {
    method: "PATCH",
    path: `/users/${id}`,
    token,
    params: { id },
    body: { role },
    headers,
  });
}

async function newOrgWithOwner() {
  const owner = await makeUser("globex", "member");
  const { access_token } = await login(owner.email);
  const res = await invoke(organizationsRoute.POST, {
    method: "POST",
    path: "/organizations",
    token: access_token,
    body: { name: `Org ${Math.random().toString(36).slice(2, 8)}` },
  });
  expect(res.status).toBe(201);
  return { owner, token: access_token, org: res.body.data as { id: string; name: string } };
}

describe("PATCH /users/{id}", () => {
  it("an owner promotes a member to admin; it applies to the member's next request", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const member = await makeUser("acme", "member");
    const memberLogin = await login(member.email);
    const before = await invoke(meRoute.GET, { path: "/auth/me", token: memberLogin.access_token });
    expect(before.body.data.scopes).not.toContain("write:users");

    const res = await setRole(access_token, member.id, "admin");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: member.id, role: "admin" });
    const after = await invoke(meRoute.GET, { path: "/auth/me", token: memberLogin.access_token });
    expect(after.body.data.role).toBe("admin");
    expect(after.body.data.scopes).toContain("write:users");

    const db = await getDb();
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.targetId, member.id));
    expect(audit.find((a) => a.action === "membership.role_changed")?.metadata).toEqual({
      from: "member",
      to: "admin",
    });
  });

  it("a demoted member's key loses the scopes the new role lacks at once", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const admin = await makeUser("acme", "admin");
    const { secret } = await createKey(admin.email, "acme", ["read:users", "write:users"]);
    const other = await makeUser("acme", "member");
    expect((await setRole(secret, other.id, "admin")).status).toBe(200);
    expect((await setRole(access_token, admin.id, "member")).status).toBe(200);
    const refused = await setRole(secret, other.id, "member");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
  });

  it("admins set member or admin; only owners grant or take away owner", async () => {
    const adminUser = await makeUser("acme", "admin");
    const admin = await login(adminUser.email);
    const target = await makeUser("acme", "member");
    expect((await setRole(admin.access_token, target.id, "admin")).status).toBe(200);
    expect((await setRole(admin.access_token, target.id, "member")).status).toBe(200);
    const grant = await setRole(admin.access_token, target.id, "owner");
    expect(grant.status).toBe(403);
    expect(grant.body.error.message).toMatch(/Only an owner/);
    const owner2 = await makeUser("acme", "owner");
    const takeAway = await setRole(admin.access_token, owner2.id, "admin");
    expect(takeAway.status).toBe(403);
    const memberUser = await makeUser("acme", "member");
    const member = await login(memberUser.email);
    expect((await setRole(member.access_token, target.id, "admin")).status).toBe(403);
  });

  it("the last owner cannot be demoted, not even by themselves (409)", async () => {
    const { owner, token, org } = await newOrgWithOwner();
    const headers = { "x-organization-id": org.id };
    const self = await setRole(token, owner.id, "admin", headers);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("CONFLICT");
    // With a second owner, the first may step down.
    const second = await makeUser("globex", "member");
    const db = await getDb();
    const { memberships } = await import("@/db/schema");
    await db
      .insert(memberships)
      .values({ userId: second.id, organizationId: org.id, role: "owner" });
    expect((await setRole(token, owner.id, "admin", headers)).status).toBe(200);
  });

  it("answers 400 for an unknown role and 403 for another organization's user", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const member = await makeUser("acme");
    const bad = await setRole(access_token, member.id, "king");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_ERROR");
    const globexMember = await makeUser("globex");
    expect((await setRole(access_token, globexMember.id, "admin")).status).toBe(403);
    expect((await setRole(access_token, "usr_doesnotexist000000", "admin")).status).toBe(404);
  });
});

describe("organizations", () => {
  it("a user creates an organization, becomes its owner and can switch to it", async () => {
    const { owner, token, org } = await newOrgWithOwner();
    expect(org.id).toMatch(/^org_/);
    const list = await invoke(organizationsRoute.GET, { path: "/organizations", token });
    expect(list.status).toBe(200);
    expect(list.body.next_cursor).toBeNull();
    expect(list.body.data[0]).toMatchObject({ id: org.id, role: "owner" });
    expect(list.body.data.map((o: { name: string }) => o.name)).toContain("Globex");
    expect(list.body.data.map((o: { name: string }) => o.name)).not.toContain("Acme");
    const me = await invoke(meRoute.GET, {
      path: "/auth/me",
      token,
      headers: { "x-organization-id": org.id },
    });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ id: owner.id, role: "owner" });
    const members = await invoke(usersRoute.GET, {
      path: "/users",
      token,
      headers: { "x-organization-id": org.id },
    });
    expect(members.body.data.map((m: { id: string }) => m.id)).toEqual([owner.id]);
    const db = await getDb();
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, org.id));
    expect(audit.map((a) => a.action)).toContain("organization.created");
  });

  it("API keys cannot create organizations (403)", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users", "write:users"]);
    const res = await invoke(organizationsRoute.POST, {
      method: "POST",
      path: "/organizations",
      token: secret,
      body: { name: "Sneaky" },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("platform admins with admin:organizations list every organization", async () => {
    const { access_token } = await login(DEMO.admin);
    const res = await invoke(organizationsRoute.GET, {
      path: "/organizations?limit=100",
      token: access_token,
    });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((o: { id: string }) => o.id);
    expect(ids).toContain(await orgId("globex"));
    expect(ids).toContain(await orgId("acme"));
  });

  it("owners and admins rename; members and outsiders cannot", async () => {
    const { token, org } = await newOrgWithOwner();
    const rename = (t: string, name: string, headers?: Record<string, string>) =>
      invoke(organizationRoute.PATCH, {
        method: "PATCH",
        path: `/organizations/${org.id}`,
        token: t,
        params: { id: org.id },
        body: { name },
        headers,
      });
    const ok = await rename(token, "Renamed Co");
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ id: org.id, name: "Renamed Co" });
    const outsider = await login(DEMO.acmeOwner);
    expect((await rename(outsider.access_token, "Hijack")).status).toBe(403);
    expect((await rename(token, "")).status).toBe(400);
    const db = await getDb();
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, org.id));
    expect(audit.find((a) => a.action === "organization.renamed")?.metadata).toEqual({
      from: org.name,
      to: "Renamed Co",
    });
  });

  it("an API key lists only its own organization, not its creator's others", async () => {
    // The creator belongs to Globex and owns a second organization; each key is pinned to one.
    const { owner, token, org } = await newOrgWithOwner();
    const globex = await orgId("globex");
    const names = new Map([[globex, "Globex"]]);
    names.set(org.id, org.name);
    for (const [organizationId, role] of [
      [org.id, "owner"],
      [globex, "member"],
    ] as const) {
      const ctx = await sessionContextOf(owner.id, organizationId);
      const { secret } = await createApiKey(ctx, { name: "pinned", scopes: ["read:users"] });
      const res = await invoke(organizationsRoute.GET, {
        path: "/organizations?limit=100",
        token: secret,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: [
          {
            id: organizationId,
            name: names.get(organizationId),
            role,
            third_party_access: "any",
            plan: "enterprise",
            created_at: expect.any(String),
          },
        ],
        next_cursor: null,
      });
    }
    // The same person's token and session still list both.
    const listed = await invoke(organizationsRoute.GET, { path: "/organizations", token });
    expect(listed.body.data.map((o: { id: string }) => o.id).sort()).toEqual(
      [org.id, globex].sort(),
    );
  });

  it("an API key with admin:organizations still lists every organization", async () => {
    const { secret } = await createKey(DEMO.admin, "acme", ["admin:organizations"]);
    const res = await invoke(organizationsRoute.GET, {
      path: "/organizations?limit=100",
      token: secret,
    });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((o: { id: string }) => o.id);
    expect(ids).toContain(await orgId("globex"));
    expect(ids).toContain(await orgId("acme"));
  });

  it("bad list parameters are 400s", async () => {
    const { access_token } = await login(DEMO.acmeMember);
    for (const q of ["limit=0", "limit=101", "cursor=bm90LWpzb24"]) {
      const res = await invoke(organizationsRoute.GET, {
        path: `/organizations?${q}`,
        token: access_token,
      });
      expect(res.status, q).toBe(400);
    }
  });
});
