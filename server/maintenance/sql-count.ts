import type { SQL } from "drizzle-orm";
import type { Db } from "@/db";

/**
 * Runs a statement that answers one row `{ n }` and returns n. postgres.js hands back the rows
 * as an array, PGlite as `{ rows }`: this reads either.
 */
export async function countOf(db: Db, statement: SQL): Promise<number> {
  const result = (await db.execute(statement)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    n: number | string;
  }[];
  return Number(rows[0]?.n ?? 0);
}
