import { inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { DEMO_EMAILS } from "@/db/seed";
import { env } from "@/lib/env";

/** The login page's demo box: in development, and only while the demo accounts exist. */
export async function demoUsersPresent(): Promise<boolean> {
  if (env().NODE_ENV !== "development") return false;
  const db = await getDb();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.email, DEMO_EMAILS))
    .limit(1);
  return rows.length > 0;
}
