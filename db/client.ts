import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { instrumentQueries } from "@/lib/query-metrics";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

interface DbHandle {
  db: Db;
  mode: "postgres" | "pglite";
  /** The pool's size: postgres.js opens up to this many connections; PGlite is one. */
  maxConnections: number;
  /** Runs a trivial query: throws when the database does not answer. */
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
// Together at most 1.75 s: the wait before a reconnect attempt plus the attempt itself.
const CONNECT_TIMEOUT_SECONDS = 1.5;
const POOL_MAX = 10;
const MAX_BACKOFF_SECONDS = 0.25;

// One connection (pool or PGlite instance) per process, kept on globalThis so that Next's dev
// server reloading modules does not open a second PGlite on the same folder.
const store = globalThis as unknown as { __voltasisDb?: Promise<DbHandle> };

/** The process's database, opened on first use; embedded PGlite is migrated then. */
export function getDbHandle(): Promise<DbHandle> {
  if (!store.__voltasisDb) {
    store.__voltasisDb = open().catch((error: unknown) => {
      store.__voltasisDb = undefined;
      throw error;
    });
  }
  return store.__voltasisDb;
}

/** True once this process has begun opening its database (the metrics scrape never opens one). */
export function isDbOpen(): boolean {
  return store.__voltasisDb !== undefined;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const handle = store.__voltasisDb;
  store.__voltasisDb = undefined;
  if (handle) await (await handle).close();
}

async function open(): Promise<DbHandle> {
  instrumentQueries();
  const url = env().DATABASE_URL;
  return url ? openPostgres(url) : openPglite(env().PGLITE_DIR);
}

async function openPostgres(url: string): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: POOL_MAX,
    onnotice: () => {},
    // While the database is down a request must fail fast (503 within 2 s) and the app must
    // recover as soon as it is back. postgres.js otherwise makes each query wait for a
    // reconnect backoff that grows to 20 s after a few failures, and a connect for 30 s.
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, MAX_BACKOFF_SECONDS),
    // No array-type lookup on each new connection: Drizzle parses array columns itself, and that
    // lookup, cut short by an outage, rejects inside postgres.js where nothing can catch it.
    fetch_types: false,
  });
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    mode: "postgres",
    maxConnections: POOL_MAX,
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

// Tests only (startPgliteFrom): a dump every embedded database opened from now on starts from.
let pgliteStart: Blob | undefined;

/**
 * Tests: every embedded database opened from now on starts as `dump` (snapshotPglite's), already
 * migrated and seeded, instead of running initdb and every migration again.
 */
export function startPgliteFrom(dump: Blob | undefined): void {
  pgliteStart = dump;
}

/** A dump of a new in-memory database after the migrations and `prepare` (say, demo data). */
export async function snapshotPglite(prepare: (db: Db) => Promise<unknown>): Promise<Blob> {
  const { PGlite } = await import("@electric-sql/pglite");
  const client = await PGlite.create("memory://");
  try {
    await prepare(await migratePglite(client));
    return await client.dumpDataDir("none");
  } finally {
    await client.close();
  }
}

async function migratePglite(client: PGlite): Promise<Db> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(drizzle({ client, casing: "snake_case" }), { migrationsFolder: MIGRATIONS_FOLDER });
  return drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
}

async function openPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) mkdirSync(path.resolve(dir), { recursive: true });
  const client = await PGlite.create(
    inMemory ? dir : path.resolve(dir),
    pgliteStart ? { loadDataDir: pgliteStart } : {},
  );
  // Embedded mode needs no setup step: migrations are applied on first open. Demo data is the
  // dev server's to add (instrumentation.ts), never the database's.
  const db = await migratePglite(client);
  return {
    db,
    mode: "pglite",
    maxConnections: 1,
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
  };
}

/** Applies the migrations in drizzle/ to the configured database (npm run db:migrate). */
export async function migrateDatabase(): Promise<void> {
  const url = env().DATABASE_URL;
  if (!url) {
    await getDbHandle();
    return;
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle({ client, casing: "snake_case" }), {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
  } finally {
    await client.end();
  }
}
