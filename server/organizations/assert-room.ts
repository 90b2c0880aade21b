import { count, eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import { organizations } from "@/db/schema";
import { ApiError } from "@/server/core/api-error";

/**
 * Refuses with a 409 when the organization already holds `limit` rows of `table` (its OAuth
 * apps, its webhook endpoints). The organization's row is locked first, so that two concurrent
 * additions cannot both see room for one more.
 */
export async function assertRoomFor(
  tx: Tx,
  organizationId: string,
  table: PgTable & { organizationId: AnyPgColumn },
  limit: number,
  what: string,
): Promise<void> {
  await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for("no key update");
  const [held] = await tx
    .select({ n: count() })
    .from(table)
    .where(eq(table.organizationId, organizationId));
  if ((held?.n ?? 0) >= limit) {
    throw new ApiError(
      "CONFLICT",
      `This organization already has ${limit} ${what}, the most it can have: delete one it no longer uses first`,
      { limit },
    );
  }
}
