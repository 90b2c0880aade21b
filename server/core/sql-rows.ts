import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";

/**
 * Runs a raw statement and returns its rows. postgres.js hands them back as an array, PGlite as
 * `{ rows }`: this reads either.
 */
export async function rowsOf<T>(db: Db | Tx, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Runs a statement that answers one row `{ n }` and returns n. */
export async function countOf(db: Db | Tx, statement: SQL): Promise<number> {
  const rows = await rowsOf<{ n: number | string }>(db, statement);
  return Number(rows[0]?.n ?? 0);
}
