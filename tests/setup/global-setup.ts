import postgres from "postgres";
import { templateDatabase, withDatabase } from "./template-database";

/**
 * With DATABASE_URL set, builds one migrated and seeded template database; every test file then
 * clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration run.
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const template = templateDatabase(url);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${template}`);
  await admin.end();

  process.env.DATABASE_URL = withDatabase(url, template);
  const { migrateDatabase, getDb, closeDb } = await import("@/db");
  const { seedDemoData } = await import("@/db/seed");
  await migrateDatabase();
  await seedDemoData(await getDb());
  await closeDb();
  process.env.DATABASE_URL = url;

  return async () => {
    const cleanup = postgres(url, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await cleanup.end();
  };
}
