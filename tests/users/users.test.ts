import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { apiKeys, memberships, organizations, users } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { disableUser } from "@/server/users/disable-user";
import { removeMembership } from "@/server/users/remove-membership";
import { renameUser } from "@/server/users/update-account";
import {
  createKey,
  DEMO,
  orgId,
  sessionContext,
  sessionContextOf,
  userId,
} from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

// Opening the file's database (migrate and seed) counts against the hook timeout, not a test's.
beforeAll(async () => {
  await getDb();
});

describe("GET /users", () => {
  it("lists the members of the current organization", async () => {
    const { secret } = await createKey(DEMO.acmeMember, "acme", ["read:users"]);
    const res = await invoke(usersRoute.GET, { path: "/users", token: secret });
    expect(res.status).toBe(200);
    const byEmail = new Map(
      (res.body.data as { email: string }[]).map((u) => [u.email, u] as const),
    );
    expect([...byEmail.keys()]).toEqual(
      expect.arrayContaining([DEMO.admin, DEMO.acmeOwner, DEMO.acmeMember]),
    );
    expect(byEmail.has(DEMO.globexOwner)).toBe(false);
    const owner = byEmail.get(DEMO.acmeOwner) as Record<string, unknown>;
    expect(Object.keys(owner).sort()).toEqual(["email", "id", "joined_at", "name", "role"]);
    expect(owner).toMatchObject({
      id: await userId(DEMO.acmeOwner),
      name: "Olivia Owner",
      role: "owner",
    });
    expect(new Date(owner.joined_at as string).toISOString()).toBe(owner.joined_at);
    // Never a password hash or account internals.
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password|disabled/i);
  });
});

describe("GET /users after a change", () => {
  afterAll(() => testClock.reset());

  it("the first page shows a new member, a role, a name and a removal on the next request", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users", "write:users"]);
    type Listed = { id: string; email: string; name: string; role: string };
    // Each read comes after the previous change has settled, so a first page that could be
    // served from memory is (auth-cache.ts): a stale one would show here.
    const firstPage = async () => {
      testClock.advance(3_000);
      const res = await invoke(usersRoute.GET, { path: "/users?limit=5", token: secret });
      expect(res.status).toBe(200);
      // Twice: the second answer is the one a cache would serve.
      const again = await invoke(usersRoute.GET, { path: "/users?limit=5", token: secret });
      expect(again.body).toEqual(res.body);
      return res.body.data as Listed[];
    };
    await firstPage();

    const email = `list-${Math.random().toString(36).slice(2, 10)}@example.test`;
    const invited = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: secret,
      body: { email, role: "member" },
    });
    expect(invited.status).toBe(201);
    const accepted = await invoke(acceptRoute.POST, {
      method: "POST",
      path: "/invitations/accept",
      body: {
        token: (invited.body.data.url as string).split("/invite/")[1],
        name: "Lena List",
        password: "correct horse battery staple 42",
      },
    });
    expect(accepted.status).toBe(200);
    const joined = (await firstPage()).find((m) => m.email === email);
    expect(joined).toMatchObject({ name: "Lena List", role: "member" });
    const id = joined?.id ?? "";

    const promoted = await invoke(userRoute.PATCH, {
      method: "PATCH",
      path: `/users/${id}`,
      token: secret,
      params: { id },
      body: { role: "admin" },
    });
    expect(promoted.status).toBe(200);
    expect((await firstPage()).find((m) => m.id === id)?.role).toBe("admin");

    // Their own identity is cached too: /auth/me shows the new name at once as well.
    const me = () =>
      invoke(meRoute.GET, { path: "/auth/me", token: accepted.body.data.access_token });
    expect((await me()).body.data.name).toBe("Lena List");
    await renameUser(id, "Lena Renamed", { userId: id, credentialId: "session", ip: "127.0.0.1" });
    expect((await firstPage()).find((m) => m.id === id)?.name).toBe("Lena Renamed");
    expect((await me()).body.data.name).toBe("Lena Renamed");

    const removed = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${id}`,
      token: secret,
      params: { id },
    });
    expect(removed.status).toBe(200);
    const after = await firstPage();
    expect(after.map((m) => m.id)).not.toContain(id);
  });
});

describe("GET /users/{id}", () => {
  it("returns a member, 403 for another organization's user, 404 for unknown or malformed", async () => {
    const { access_token } = await login(DEMO.acmeMember);
    const get = (id: string) =>
      invoke(userRoute.GET, { path: `/users/${id}`, token: access_token, params: { id } });

    const owner = await get(await userId(DEMO.acmeOwner));
    expect(owner.status).toBe(200);
    expect(owner.body.data).toMatchObject({ email: DEMO.acmeOwner, role: "owner" });

    const other = await get(await userId(DEMO.globexOwner));
    expect(other.status).toBe(403);
    expect(other.body.error).toEqual({
      code: "FORBIDDEN",
      message: "Insufficient permissions for this resource",
      details: { reason: "organization_not_allowed", hint: expect.any(String) },
    });

    for (const id of ["usr_AAAAAAAAAAAAAAAAAAAA", "usr_", "42", "key_AAAAAAAAAAAAAAAAAAAA"]) {
      const res = await get(id);
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });
});

describe("losing access", () => {
  it("a removed member loses every key and token on the next request", async () => {
    const user = await makeUser("acme", "admin");
    const acme = await orgId("acme");
    const { secret } = await createKey(user.email, "acme", ["read:users"]);
    const pair = await login(user.email);
    const me = (token: string) => invoke(meRoute.GET, { path: "/auth/me", token });
    expect((await me(secret)).status).toBe(200);
    expect((await me(pair.access_token)).status).toBe(200);

    await removeMembership(await sessionContext(DEMO.acmeOwner, "acme"), { userId: user.id });
    for (const token of [secret, pair.access_token]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
    }
    // Added back, nothing of before revives: the key was revoked with the membership.
    const db = await getDb();
    await db.insert(memberships).values({ userId: user.id, organizationId: acme, role: "member" });
    await publishAuthChange(db, { userId: user.id, organizationId: acme });
    expect((await me(secret)).status).toBe(401);
    expect((await me(pair.access_token)).status).toBe(401);
    const keys = await db
      .select({ revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(eq(apiKeys.createdBy, user.id));
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
  });

  it("a disabled user loses every key and token on the next request", async () => {
    const user = await makeUser("acme");
    const { secret } = await createKey(user.email, "acme", ["read:users"]);
    const pair = await login(user.email);
    const me = (token: string) => invoke(meRoute.GET, { path: "/auth/me", token });
    expect((await me(secret)).status).toBe(200);
    await disableUser(user.id);
    await disableUser(user.id); // idempotent
    for (const token of [secret, pair.access_token]) {
      expect((await me(token)).status).toBe(401);
    }
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.disabledAt).toBeInstanceOf(Date);
  });

  it("refuses to remove the last owner or a non-member", async () => {
    const owner = await userId(DEMO.globexOwner);
    const asOwner = await sessionContext(DEMO.globexOwner, "globex");
    await expect(removeMembership(asOwner, { userId: owner })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      removeMembership(asOwner, { userId: await userId(DEMO.acmeMember) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(disableUser("usr_AAAAAAAAAAAAAAAAAAAA")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The owner is still there.
    const { access_token } = await login(DEMO.globexOwner);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: access_token })).status).toBe(200);
  });
});

describe("the last-owner check under concurrency", () => {
  /** An organization of the test's own with `n` owners (users of the test's own). */
  async function orgWithOwners(n: number) {
    const db = await getDb();
    const id = newId("org");
    await db.insert(organizations).values({ id, name: `Race ${id}`, slug: id.toLowerCase() });
    const owners: string[] = [];
    for (let i = 0; i < n; i++) {
      const user = await makeUser("acme");
      await db.insert(memberships).values({ userId: user.id, organizationId: id, role: "owner" });
      owners.push(user.id);
    }
    return { id, owners };
  }

  it("two owners removing each other: exactly one succeeds, the other gets 409", async () => {
    for (let round = 0; round < 5; round++) {
      const org = await orgWithOwners(2);
      const [a, b] = org.owners as [string, string];
      const [asA, asB] = [await sessionContextOf(a, org.id), await sessionContextOf(b, org.id)];
      const results = await Promise.allSettled([
        removeMembership(asA, { userId: b }),
        removeMembership(asB, { userId: a }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.status === "rejected" && refused.reason).toMatchObject({
        code: "CONFLICT",
        status: 409,
      });
      const db = await getDb();
      const left = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.organizationId, org.id), eq(memberships.role, "owner")));
      expect(left).toHaveLength(1);
    }
  });
});

describe("DELETE /users/{id}", () => {
  it("an owner removes a member: their key fails on the next request and it is audited", async () => {
    const leaver = await makeUser("acme", "member");
    const { secret: leaverKey } = await createKey(leaver.email, "acme", ["read:users"]);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: leaverKey })).status).toBe(200);

    const { secret: ownerKey } = await createKey(DEMO.acmeOwner, "acme", ["write:users"]);
    const res = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${leaver.id}`,
      token: ownerKey,
      params: { id: leaver.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: leaver.id, email: leaver.email, removed: true });
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: leaverKey })).status).toBe(401);

    const db = await getDb();
    const { auditLogs } = await import("@/db/schema");
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.targetId, leaver.id));
    expect(entry).toMatchObject({
      action: "membership.removed",
      actorUserId: await userId(DEMO.acmeOwner),
    });
  });

  it("refuses without write:users, an admin removing an owner, and other organizations' users", async () => {
    const target = await makeUser("acme", "member");
    const { secret: memberKey } = await createKey(DEMO.acmeMember, "acme", ["read:users"]);
    const denied = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${target.id}`,
      token: memberKey,
      params: { id: target.id },
    });
    expect(denied.status).toBe(403);

    const { secret: adminKey } = await createKey(DEMO.admin, "acme", ["write:users"]);
    const ownerId = await userId(DEMO.acmeOwner);
    const ownerRemoval = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${ownerId}`,
      token: adminKey,
      params: { id: ownerId },
    });
    expect(ownerRemoval.status).toBe(403);
    expect(ownerRemoval.body.error.message).toBe("Only an owner can remove an owner");

    const globexOwner = await userId(DEMO.globexOwner);
    const other = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${globexOwner}`,
      token: adminKey,
      params: { id: globexOwner },
    });
    expect(other.status).toBe(403);
    const db = await getDb();
    const rows = await db.select().from(memberships).where(eq(memberships.userId, globexOwner));
    expect(rows).toHaveLength(1);
  });
});
