import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, invitations } from "@/db/schema";
import { createInvitation } from "@/server/invitations/create-invitation";
import { listInvitations } from "@/server/invitations/list-invitations";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { DEMO, keyContext, rolledBack, sessionContext } from "@/tests/helpers/fixtures";

beforeAll(async () => {
  await getDb();
});

const freshEmail = () => `guard-${Math.random().toString(36).slice(2, 10)}@example.test`;

async function invitationsTo(email: string) {
  const db = await getDb();
  return db.select().from(invitations).where(eq(invitations.email, email));
}

describe("invitation verbs called directly, with no door in front", () => {
  it("createInvitation refuses a key without write:users and invites no one", async () => {
    const ctx = await keyContext(DEMO.acmeOwner, "acme", ["read:users"]);
    const email = freshEmail();
    await expect(createInvitation(ctx, { email, role: "member" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "write:users" },
    });
    expect(await invitationsTo(email)).toEqual([]);
  });

  it("revokeInvitation refuses a key without write:users and the invitation stays pending", async () => {
    const owner = await sessionContext(DEMO.acmeOwner, "acme");
    const email = freshEmail();
    const { invitation } = await createInvitation(owner, { email, role: "member" });
    const ctx = await keyContext(DEMO.acmeOwner, "acme", ["read:users"]);

    await expect(revokeInvitation(ctx, invitation.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "write:users" },
    });
    const [row] = await invitationsTo(email);
    expect(row?.revokedAt).toBeNull();
    const db = await getDb();
    const revokedEntries = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.targetId, invitation.id), eq(auditLogs.action, "invitation.revoked")),
      );
    expect(revokedEntries).toEqual([]);
  });
});

describe("invitation verbs read and write through ctx.db", () => {
  it("an invitation made in a caller's transaction is listed there, and gone after rollback", async () => {
    const owner = await sessionContext(DEMO.acmeOwner, "acme");
    const email = freshEmail();
    const made = await rolledBack(async (tx) => {
      const inTx = { ...owner, db: tx };
      const { invitation } = await createInvitation(inTx, { email, role: "member" });
      // The list verb reads through the same transaction, so it sees the uncommitted row.
      const { data } = await listInvitations(inTx, { limit: 100 });
      expect(data.map((i) => i.id)).toContain(invitation.id);
      return invitation;
    });
    expect(await invitationsTo(email)).toEqual([]);
    const { data } = await listInvitations(owner, { limit: 100 });
    expect(data.map((i) => i.id)).not.toContain(made.id);
  });
});
