import { eq, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import type { Role } from "@/lib/roles";
import type { Db } from "./client";
import { instanceState, memberships, organizations, timeEntries, users } from "./schema";

export const DEMO_PASSWORD = "voltasis-demo";

const ORGS = [
  // Two plans, so that what a plan gates can be seen (lib/plans.ts).
  { slug: "acme", name: "Acme", plan: "team" },
  { slug: "globex", name: "Globex", plan: "free" },
] as const;

const USERS: { email: string; name: string; platformAdmin?: boolean; orgs: [string, Role][] }[] = [
  {
    email: "admin@voltasis.test",
    name: "Ada Admin",
    platformAdmin: true,
    orgs: [["acme", "admin"]],
  },
  { email: "owner@acme.test", name: "Olivia Owner", orgs: [["acme", "owner"]] },
  { email: "member@acme.test", name: "Milo Member", orgs: [["acme", "member"]] },
  { email: "owner@globex.test", name: "Gus Owner", orgs: [["globex", "owner"]] },
];

export const DEMO_EMAILS = USERS.map((u) => u.email);

/**
 * Demo organizations, users and a few time entries, once per database: a marker row records the
 * seeding, so later runs (and later starts of `npm run dev`) never put back what people removed.
 * Returns false when the database had been seeded already. Never called by `npm start`.
 */
export async function seedDemoData(db: Db): Promise<boolean> {
  const [seeded] = await db.select().from(instanceState).where(eq(instanceState.id, 1));
  if (seeded?.demoSeededAt) return false;
  // scrypt is the slow part of seeding: the four hashes run at once, on libuv's thread pool, and
  // before the transaction, which then holds its lock only for the inserts.
  const hashes = await Promise.all(USERS.map(() => hashPassword(DEMO_PASSWORD)));
  return db.transaction(async (tx) => {
    // One seeder at a time, even across processes (db:seed beside a running server).
    await tx.execute(sql`select pg_advisory_xact_lock(727001)`);
    const [marker] = await tx.select().from(instanceState).where(eq(instanceState.id, 1));
    if (marker?.demoSeededAt) return false;
    await tx
      .insert(instanceState)
      .values({ id: 1, demoSeededAt: new Date() })
      .onConflictDoUpdate({ target: instanceState.id, set: { demoSeededAt: new Date() } });
    const orgIds = new Map<string, string>();
    for (const org of ORGS) {
      await tx
        .insert(organizations)
        .values({ id: newId("org"), ...org })
        .onConflictDoNothing({ target: organizations.slug });
      const [row] = await tx.select().from(organizations).where(eq(organizations.slug, org.slug));
      if (row) orgIds.set(org.slug, row.id);
    }
    for (const [index, user] of USERS.entries()) {
      const [existing] = await tx.select().from(users).where(eq(users.email, user.email));
      const id = existing?.id ?? newId("usr");
      if (!existing) {
        await tx.insert(users).values({
          id,
          email: user.email,
          name: user.name,
          passwordHash: hashes[index] ?? (await hashPassword(DEMO_PASSWORD)),
          isPlatformAdmin: user.platformAdmin ?? false,
          // Demo accounts are the operator's own: vouched for at creation.
          emailVerifiedAt: new Date(),
        });
      }
      for (const [slug, role] of user.orgs) {
        const organizationId = orgIds.get(slug);
        if (organizationId) {
          await tx
            .insert(memberships)
            .values({ userId: id, organizationId, role })
            .onConflictDoNothing();
        }
      }
    }
    for (const [slug, organizationId] of orgIds) {
      const [count] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(timeEntries)
        .where(eq(timeEntries.organizationId, organizationId));
      if ((count?.n ?? 0) > 0) continue;
      const owner = USERS.find((u) => u.orgs.some(([s, r]) => s === slug && r === "owner"));
      const [ownerRow] = owner
        ? await tx.select().from(users).where(eq(users.email, owner.email))
        : [];
      if (!ownerRow) continue;
      const day = 24 * 60 * 60 * 1000;
      await tx.insert(timeEntries).values(
        ["Quarterly planning", "Customer onboarding call", "API integration review"].map(
          (description, i) => ({
            id: newId("te"),
            organizationId,
            userId: ownerRow.id,
            description,
            startedAt: new Date(Date.now() - (i + 1) * day),
            durationMinutes: 30 * (i + 1),
          }),
        ),
      );
    }
    return true;
  });
}
