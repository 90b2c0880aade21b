import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { templateDatabase, withDatabase } from "./template-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** Embedded runs: a migrated, seeded PGlite data directory (a tar) each file starts from. */
    pgliteSnapshot: string | null;
  }
}

/**
 * Builds, once per run, the migrated and seeded database every test file starts from, so that no
 * file pays for a migration or a seed: with DATABASE_URL a template database each file clones
 * (CREATE DATABASE … TEMPLATE), and with embedded PGlite a dump of its data directory each file
 * loads (a fresh PGlite otherwise spends seconds in initdb alone).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const { seedTestWorld } = await import("./test-world");
  if (!url) {
    const { snapshotPglite } = await import("@/db/client");
    const dir = await mkdtemp(path.join(tmpdir(), "voltasis-pglite-"));
    const file = path.join(dir, "seeded.tar");
    writeFileSync(file, Buffer.from(await (await snapshotPglite(seedTestWorld)).arrayBuffer()));
    project.provide("pgliteSnapshot", file);
    return () => rm(dir, { recursive: true, force: true });
  }
  project.provide("pgliteSnapshot", null);
  const template = templateDatabase(url);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${template}`);
  await admin.end();

  process.env.DATABASE_URL = withDatabase(url, template);
  const { migrateDatabase, getDb, closeDb } = await import("@/db");
  await migrateDatabase();
  await seedTestWorld(await getDb());
  await closeDb();
  process.env.DATABASE_URL = url;

  return async () => {
    const cleanup = postgres(url, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await cleanup.end();
  };
}
