import { getDb } from "@/db";
import { seedDemoData } from "@/db/seed";
import { env } from "@/lib/env";
import { componentLogger } from "@/lib/logger";

/**
 * Under `npm run dev` with the embedded database (no DATABASE_URL): opens it, which creates and
 * migrates it on a first start, then adds the demo data once, saying what it does and how long
 * each step took. Any other start leaves the database as it is: production never seeds itself.
 */
export async function prepareEmbeddedDevDatabase(): Promise<void> {
  const config = env();
  if (config.NODE_ENV !== "development" || config.DATABASE_URL) return;
  let started = performance.now();
  const took = () => {
    const ms = performance.now() - started;
    started = performance.now();
    return `${(ms / 1000).toFixed(1)} s`;
  };
  log().info(`Opening the embedded database in ${config.PGLITE_DIR} (migrating it if needed)…`);
  const db = await getDb();
  log().info(`Embedded database ready (${took()}); seeding demo data if missing…`);
  const seeded = await seedDemoData(db);
  log().info(seeded ? `Demo data seeded (${took()})` : "Demo data already present");
}

function log() {
  return componentLogger("dev-database");
}
