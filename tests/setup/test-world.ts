import type { Db } from "@/db";
import { organizations } from "@/db/schema";
import { seedDemoData } from "@/db/seed";

/**
 * The demo data every test file starts from, with both demo organizations on `enterprise`: a test
 * about a feature is not also a test about plans. Tests of plans set the plan they need
 * (tests/organizations/plans*.test.ts); the seed's own plans (Acme team, Globex free) are checked
 * where the seed is (tests/db).
 */
export async function seedTestWorld(db: Db): Promise<boolean> {
  const seeded = await seedDemoData(db);
  if (seeded) await db.update(organizations).set({ plan: "enterprise" });
  return seeded;
}
