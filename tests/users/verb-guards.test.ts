import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { memberships } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { changeRole } from "@/server/users/change-role";
import { findMember } from "@/server/users/find-member";
import { listMembersPage } from "@/server/users/list-members";
import { removeMembership } from "@/server/users/remove-membership";
import {
  createKey,
  DEMO,
  keyContext,
  orgId,
  rolledBack,
  sessionContext,
} from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { makeUser } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});
afterAll(() => testClock.reset());

async function roleIn(userId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(eq(memberships.userId, userId), eq(memberships.organizationId, await orgId("acme"))),
    );
  return row?.role ?? null;
}

describe("member verbs called directly, with no door in front", () => {
  it("removeMembership refuses a key without write:users and removes no one", async () => {
    const target = await makeUser("acme", "member");
    const ctx = await keyContext(DEMO.acmeOwner, "acme", ["read:users"]);
    await expect(removeMembership(ctx, { userId: target.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "write:users" },
    });
    expect(await roleIn(target.id)).toBe("member");
  });

  it("changeRole refuses a key without write:users and changes no role", async () => {
    const target = await makeUser("acme", "member");
    const ctx = await keyContext(DEMO.acmeOwner, "acme", ["read:users"]);
    await expect(changeRole(ctx, { userId: target.id, role: "admin" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "write:users" },
    });
    expect(await roleIn(target.id)).toBe("member");
  });

  it("findMember needs read:users, or write:users for the lookup PATCH and DELETE make", async () => {
    const target = await makeUser("acme", "member");
    const writer = await keyContext(DEMO.acmeOwner, "acme", ["write:users"]);
    await expect(findMember(writer, target.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "read:users" },
    });
    expect((await findMember(writer, target.id, "write:users")).id).toBe(target.id);
    const reader = await keyContext(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await findMember(reader, target.id)).id).toBe(target.id);
    await expect(findMember(reader, target.id, "write:users")).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "write:users" },
    });
  });
});

describe("member verbs write through ctx.db", () => {
  it("a removal in a caller's transaction that rolls back leaves the member and their key", async () => {
    const target = await makeUser("acme", "member");
    const { secret } = await createKey(target.email, "acme", ["read:users"]);
    const owner = await sessionContext(DEMO.acmeOwner, "acme");

    await rolledBack(async (tx) => {
      await removeMembership({ ...owner, db: tx }, { userId: target.id });
      const [inside] = await tx
        .select()
        .from(memberships)
        .where(
          and(
            eq(memberships.userId, target.id),
            eq(memberships.organizationId, owner.organization.id),
          ),
        );
      expect(inside).toBeUndefined();
    });

    expect(await roleIn(target.id)).toBe("member");
    // The removal evicted the cached key; read afresh, it is a member's key again.
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(200);
  });

  it("the members page read in a caller's transaction sees its rows, and never caches them", async () => {
    const owner = await sessionContext(DEMO.acmeOwner, "acme");
    const ghost = await makeUser("globex", "member");
    // Past the settling time of earlier changes (auth-cache.ts), so first pages are cached.
    testClock.advance(3_000);
    // Warm the cache first: a read inside the transaction must not be answered from it either.
    await listMembersPage(owner, { limit: 100 });
    const inside = await rolledBack(async (tx) => {
      await tx
        .insert(memberships)
        .values({ userId: ghost.id, organizationId: owner.organization.id, role: "member" });
      const inTx = { ...owner, db: tx };
      // limit 100 is cached already; limit 99 is not, and must not be cached from here.
      return [
        await listMembersPage(inTx, { limit: 100 }),
        await listMembersPage(inTx, { limit: 99 }),
      ];
    });
    for (const page of inside) expect(page.data.map((m) => m.id)).toContain(ghost.id);
    for (const limit of [100, 99]) {
      const after = await listMembersPage(owner, { limit });
      expect(after.data.map((m) => m.id)).not.toContain(ghost.id);
    }
  });

  it("a role change in a caller's transaction reads its result back through the same transaction", async () => {
    const target = await makeUser("acme", "member");
    const owner = await sessionContext(DEMO.acmeOwner, "acme");
    const changed = await rolledBack((tx) =>
      changeRole({ ...owner, db: tx }, { userId: target.id, role: "admin" }),
    );
    // memberOf after the update ran on ctx.db: it saw the uncommitted role.
    expect(changed.role).toBe("admin");
    expect(await roleIn(target.id)).toBe("member");
  });
});
