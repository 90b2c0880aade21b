import { sql } from "drizzle-orm";
import type { Db } from "@/db";

/**
 * One embedded database per worker, put back to the demo data between files: a file's rows are
 * gone in milliseconds, where opening a new PGlite from the snapshot takes one to two seconds.
 *
 * `keepSeedCopy` copies every table of a database that still holds only the demo data into the
 * `test_seed` schema; `restoreSeedCopy` empties the tables and copies the rows back.
 */
const SEED_SCHEMA = "test_seed";

async function tableNames(db: Db, schema: string): Promise<string[]> {
  const rows = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = ${schema} order by tablename`,
  );
  return (rows as unknown as { rows: { name: string }[] }).rows.map((row) => row.name);
}

/** True when it made the copy: the database had none (it was just opened from the snapshot). */
export async function keepSeedCopy(db: Db): Promise<boolean> {
  if ((await tableNames(db, SEED_SCHEMA)).length > 0) return false;
  const tables = await tableNames(db, "public");
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`create schema ${SEED_SCHEMA}`));
    for (const table of tables) {
      await tx.execute(
        sql.raw(`create table ${SEED_SCHEMA}."${table}" as table public."${table}"`),
      );
    }
  });
  return true;
}

/** Every public table back to its rows at keepSeedCopy, foreign keys and triggers aside. */
export async function restoreSeedCopy(db: Db): Promise<void> {
  const tables = await tableNames(db, SEED_SCHEMA);
  const list = tables.map((table) => `public."${table}"`).join(", ");
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw("set local session_replication_role = replica"));
    await tx.execute(sql.raw(`truncate ${list}`));
    for (const table of tables) {
      await tx.execute(
        sql.raw(`insert into public."${table}" select * from ${SEED_SCHEMA}."${table}"`),
      );
    }
  });
}
