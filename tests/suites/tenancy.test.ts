import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { apiKeys, auditLogs, memberships, timeEntries } from "@/db/schema";
import { SCOPES } from "@/lib/scopes";
import { removeMembership } from "@/server/users/remove-membership";
import { createKey, DEMO, orgId, sessionContext, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

// Opening the file's database (migrate and seed) counts against the hook timeout, not a test's.
beforeAll(async () => {
  await getDb();
});

const GUIDE_403 = { code: "FORBIDDEN", message: "Insufficient permissions for this resource" };
// Another organization's resource, or an organization the credential may not enter (or that does
// not exist): the guide's body, with a reason that tells neither apart.
const ELSEWHERE_403 = {
  ...GUIDE_403,
  details: { reason: "organization_not_allowed", hint: expect.any(String) },
};
const ADMIN_ONLY = new Set<string>(["admin:organizations", "write:users", "read:audit-logs"]);
const ALL_MEMBER_SCOPES = SCOPES.filter((s) => !ADMIN_ONLY.has(s));

let acme: string;
let globex: string;

beforeAll(async () => {
  acme = await orgId("acme");
  globex = await orgId("globex");
});

/** Every kind of Acme principal, each able to do everything its role allows. */
async function acmePrincipals() {
  const ownerKey = (
    await createKey(
      DEMO.acmeOwner,
      "acme",
      SCOPES.filter((s) => s !== "admin:organizations"),
    )
  ).secret;
  return [
    { name: "owner API key", token: ownerKey },
    { name: "owner access token", token: (await login(DEMO.acmeOwner)).access_token },
    { name: "member access token", token: (await login(DEMO.acmeMember)).access_token },
    { name: "platform admin access token", token: (await login(DEMO.admin)).access_token },
  ];
}

async function globexKey() {
  const { key, secret } = await createKey(DEMO.globexOwner, "globex", ["read:users"], {
    name: "Globex secret project",
  });
  return { key, secret };
}

async function keyRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

describe("Acme principals against Globex resources", () => {
  it("cannot read, rename, revoke or rotate a Globex key, and nothing changes", async () => {
    const target = await globexKey();
    const before = await keyRow(target.key.id);
    for (const principal of await acmePrincipals()) {
      const params = { id: target.key.id };
      const attempts = [
        invoke(keyRoute.GET, {
          path: `/api-keys/${target.key.id}`,
          token: principal.token,
          params,
        }),
        invoke(keyRoute.PATCH, {
          method: "PATCH",
          path: `/api-keys/${target.key.id}`,
          token: principal.token,
          params,
          body: { name: "pwned" },
        }),
        invoke(keyRoute.DELETE, {
          method: "DELETE",
          path: `/api-keys/${target.key.id}`,
          token: principal.token,
          params,
        }),
        invoke(rotateRoute.POST, {
          method: "POST",
          path: `/api-keys/${target.key.id}/rotate`,
          token: principal.token,
          params,
          body: { grace_seconds: 0 },
        }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status, principal.name).toBe(403);
        expect(res.body.error).toEqual(ELSEWHERE_403);
        expect(JSON.stringify(res.body)).not.toContain("Globex secret project");
      }
    }
    expect(await keyRow(target.key.id)).toEqual(before);
    const me = await invoke(meRoute.GET, { path: "/auth/me", token: target.secret });
    expect(me.status).toBe(200);
    expect(me.body.data.organization.name).toBe("Globex");
  });

  it("cannot read a Globex user", async () => {
    const globexOwner = await userId(DEMO.globexOwner);
    for (const principal of await acmePrincipals()) {
      const res = await invoke(userRoute.GET, {
        path: `/users/${globexOwner}`,
        token: principal.token,
        params: { id: globexOwner },
      });
      expect(res.status, principal.name).toBe(403);
      expect(res.body.error).toEqual(ELSEWHERE_403);
      expect(JSON.stringify(res.body)).not.toContain(DEMO.globexOwner);
    }
  });

  it("lists show Acme's rows only", async () => {
    const target = await globexKey();
    const globexOwner = await userId(DEMO.globexOwner);
    const db = await getDb();
    const globexEntries = await db
      .select({ id: timeEntries.id })
      .from(timeEntries)
      .where(eq(timeEntries.organizationId, globex));
    expect(globexEntries.length).toBeGreaterThan(0);
    for (const principal of await acmePrincipals()) {
      const keys = await invoke(keysRoute.GET, { path: "/api-keys", token: principal.token });
      const users = await invoke(usersRoute.GET, { path: "/users", token: principal.token });
      const entries = await invoke(timeEntriesRoute.GET, {
        path: "/time-entries",
        token: principal.token,
      });
      for (const res of [keys, users, entries]) expect(res.status, principal.name).toBe(200);
      expect(keys.body.data.map((k: { id: string }) => k.id)).not.toContain(target.key.id);
      expect(
        keys.body.data.every((k: { organization_id: string }) => k.organization_id === acme),
      ).toBe(true);
      expect(users.body.data.map((u: { id: string }) => u.id)).not.toContain(globexOwner);
      const entryIds = entries.body.data.map((e: { id: string }) => e.id);
      for (const { id } of globexEntries) expect(entryIds).not.toContain(id);
    }
  });
});

describe("X-Organization-ID", () => {
  const me = (token: string, organization?: string) =>
    invoke(meRoute.GET, {
      path: "/auth/me",
      token,
      headers: organization === undefined ? {} : { "x-organization-id": organization },
    });

  it("a user token may name its own organization", async () => {
    const member = await login(DEMO.acmeMember);
    const res = await me(member.access_token, acme);
    expect(res.status).toBe(200);
    expect(res.body.data.organization.id).toBe(acme);
  });

  it("a user token may enter another organization its user belongs to, unaudited", async () => {
    const user = await makeUser("acme");
    const db = await getDb();
    await db
      .insert(memberships)
      .values({ userId: user.id, organizationId: globex, role: "member" });
    const { access_token } = await login(user.email, acme);
    const res = await me(access_token, globex);
    expect(res.status).toBe(200);
    expect(res.body.data.organization).toEqual({ id: globex, name: "Globex" });
    expect(res.body.data.role).toBe("member");
    const audits = await db.select().from(auditLogs).where(eq(auditLogs.actorUserId, user.id));
    expect(audits).toHaveLength(0);
  });

  it("a user token may not enter an organization its user is not in", async () => {
    for (const email of [DEMO.acmeMember, DEMO.acmeOwner]) {
      const res = await me((await login(email)).access_token, globex);
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual(ELSEWHERE_403);
    }
  });

  it("an API key is pinned to its organization", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ALL_MEMBER_SCOPES);
    expect((await me(secret, acme)).status).toBe(200);
    const res = await me(secret, globex);
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual(ELSEWHERE_403);
    // Even a platform admin's key, unless it holds admin:organizations.
    const plain = await createKey(DEMO.admin, "acme", ["read:users"]);
    expect((await me(plain.secret, globex)).status).toBe(403);
  });

  it("malformed or unknown organization ids are 403, never 404", async () => {
    const admin = await login(DEMO.admin);
    for (const value of ["globex", "org_", "org_AAAAAAAAAAAAAAAAAAAA", "' or 1=1 --"]) {
      const res = await me(admin.access_token, value);
      expect(res.status, value).toBe(403);
      expect(res.body.error).toEqual(ELSEWHERE_403);
    }
  });

  it("a platform admin's access token enters Globex, and it is audited", async () => {
    const admin = await login(DEMO.admin);
    const adminId = await userId(DEMO.admin);
    const target = await globexKey();
    const res = await me(admin.access_token, globex);
    expect(res.status).toBe(200);
    expect(res.body.data.organization).toEqual({ id: globex, name: "Globex" });
    expect(res.body.data.scopes).toContain("admin:organizations");

    const key = await invoke(keyRoute.GET, {
      path: `/api-keys/${target.key.id}`,
      token: admin.access_token,
      headers: { "x-organization-id": globex },
      params: { id: target.key.id },
    });
    expect(key.status).toBe(200);
    expect(key.body.data.name).toBe("Globex secret project");

    const db = await getDb();
    const audits = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.action, "organization.override"), eq(auditLogs.actorUserId, adminId)),
      );
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(audits[0]).toMatchObject({
      organizationId: globex,
      targetType: "organization",
      targetId: globex,
      actorTokenId: res.body.data.token.id,
    });
    expect(audits[0]?.ip).toMatch(/^198\.51\./);
  });

  it("a platform admin's key with admin:organizations may enter Globex, audited", async () => {
    const { key, secret } = await createKey(DEMO.admin, "acme", [
      "admin:organizations",
      "read:users",
    ]);
    const res = await invoke(usersRoute.GET, {
      path: "/users",
      token: secret,
      headers: { "x-organization-id": globex },
    });
    expect(res.status).toBe(200);
    const emails = res.body.data.map((u: { email: string }) => u.email);
    expect(emails).toContain(DEMO.globexOwner);
    expect(emails).not.toContain(DEMO.acmeOwner);
    const db = await getDb();
    const audits = await db.select().from(auditLogs).where(eq(auditLogs.actorTokenId, key.id));
    expect(audits.map((a) => a.action)).toContain("organization.override");
  });

  it("a refused override (wrong scope) writes no audit row", async () => {
    const admin = await login(DEMO.admin);
    const db = await getDb();
    const before = await db
      .select({ n: count() })
      .from(auditLogs)
      .where(eq(auditLogs.action, "organization.override"));
    // A platform admin's key may enter Globex, but without read:api-keys the scope check fails.
    const { secret } = await createKey(DEMO.admin, "acme", ["admin:organizations", "read:users"]);
    const refused = await invoke(keysRoute.GET, {
      path: "/api-keys",
      token: secret,
      headers: { "x-organization-id": globex },
    });
    expect(refused.status).toBe(403);
    const middle = await db
      .select({ n: count() })
      .from(auditLogs)
      .where(eq(auditLogs.action, "organization.override"));
    expect(middle[0]?.n).toBe(before[0]?.n);
    const allowed = await invoke(usersRoute.GET, {
      path: "/users",
      token: admin.access_token,
      headers: { "x-organization-id": globex },
    });
    expect(allowed.status).toBe(200);
    const after = await db
      .select({ n: count() })
      .from(auditLogs)
      .where(eq(auditLogs.action, "organization.override"));
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 1);
  });
});

describe("keys belong to members", () => {
  it("a platform admin visiting Globex may list its keys but not create one there", async () => {
    const admin = await login(DEMO.admin);
    const globex = await orgId("globex");
    const headers = { "x-organization-id": globex };
    const list = await invoke(keysRoute.GET, {
      path: "/api-keys",
      token: admin.access_token,
      headers,
    });
    expect(list.status).toBe(200);
    const create = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: admin.access_token,
      headers,
      body: { name: "visitor key", scopes: ["read:users"] },
    });
    expect(create.status).toBe(403);
    const db = await getDb();
    const made = await db.select().from(apiKeys).where(eq(apiKeys.organizationId, globex));
    expect(made.some((k) => k.name === "visitor key")).toBe(false);
  });

  it("a key stops working when its creator is no longer a member, platform admin or not", async () => {
    const { secret } = await createKey(DEMO.admin, "acme", ["read:users"]);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(200);
    await removeMembership(await sessionContext(DEMO.acmeOwner, "acme"), {
      userId: await userId(DEMO.admin),
    });
    const res = await invoke(meRoute.GET, { path: "/auth/me", token: secret });
    expect(res.status).toBe(401);
  });
});
