import { getDb } from "@/db";
import { auditLogs, memberships, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import type { Role } from "@/lib/roles";
import { insertOrganization } from "@/server/organizations/create-organization";
import { login } from "./tokens";

/** A user with the demo password, in no organization yet. */
export async function insertUser(name?: string) {
  const db = await getDb();
  const id = newId("usr");
  const email = `${id.toLowerCase()}@example.test`;
  await db.insert(users).values({
    id,
    email,
    name: name ?? `Audit ${id.slice(-6)}`,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  return { id, email };
}

/**
 * An organization of the test's own, so its audit log holds only what the test did: an owner,
 * and people of other roles on demand, each with a user access token for it.
 */
export async function freshOrganization(name = "Audit Co") {
  const db = await getDb();
  const owner = await insertUser();
  const org = await insertOrganization(db, name, owner.id);
  const ownerToken = (await login(owner.email, org.id)).access_token;
  async function addPerson(role: Role, personName?: string) {
    const person = await insertUser(personName);
    await db.insert(memberships).values({ userId: person.id, organizationId: org.id, role });
    return { ...person, token: (await login(person.email, org.id)).access_token };
  }
  return { id: org.id, owner: { ...owner, token: ownerToken }, addPerson };
}

/** Audit rows written straight to the table, at the times a test needs. */
export async function insertAuditRows(
  rows: {
    organizationId: string;
    actorUserId?: string | null;
    action?: string;
    targetId?: string;
    createdAt: Date;
  }[],
): Promise<string[]> {
  const db = await getDb();
  const values = rows.map((row) => ({
    id: newId("aud"),
    organizationId: row.organizationId,
    actorUserId: row.actorUserId ?? null,
    actorTokenId: "session",
    action: row.action ?? "api_key.renamed",
    targetType: "api_key",
    targetId: row.targetId ?? newId("key"),
    ip: "192.0.2.1",
    metadata: { from: "a", to: "b" },
    createdAt: row.createdAt,
  }));
  for (let i = 0; i < values.length; i += 1000) {
    await db.insert(auditLogs).values(values.slice(i, i + 1000));
  }
  return values.map((v) => v.id);
}
