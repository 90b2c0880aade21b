// What Next's server does first: AsyncLocalStorage on globalThis before any Next module loads. A
// worker runs many files, and a module Next caches on its first import would otherwise keep the
// stand-in that throws "AsyncLocalStorage accessed in runtime where it is not available".
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { closeDb, getDb } from "@/db";
import { startPgliteFrom } from "@/db/client";
import { testClock } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import { closeAuthListener } from "@/server/auth/auth-bus";
import { drainEmailOutbox } from "@/server/email/outbox";
import { runShutdownHooks } from "@/server/shutdown";
import { drainUsage } from "@/server/usage/usage-recorder";
import { drainWebhookOutbox } from "@/server/webhooks/outbox";
import { keepSeedCopy, restoreSeedCopy } from "./seed-copy";
import { templateDatabase, withDatabase } from "./template-database";
import { seedTestWorld } from "./test-world";

// One worker process runs many files one after another (isolate: false, vitest.config.ts): each
// file starts from the environment the worker started with and from a process with no state left
// by the previous file (see afterAll).
const worker = globalThis as unknown as { __testWorkerEnv?: NodeJS.ProcessEnv };
worker.__testWorkerEnv ??= { ...process.env };
for (const name of Object.keys(process.env)) {
  if (!(name in worker.__testWorkerEnv)) delete process.env[name];
}
Object.assign(process.env, worker.__testWorkerEnv);

const serverUrl = process.env.DATABASE_URL;
let database: string | undefined;

if (serverUrl) {
  const template = templateDatabase(serverUrl);
  database = `voltasis_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${database} TEMPLATE ${template}`);
  await admin.end();
  process.env.DATABASE_URL = withDatabase(serverUrl, database);
} else {
  // In-memory PGlite, one per worker, put back to the demo data after each file (seed-copy.ts):
  // loaded from the run's migrated, seeded snapshot (global-setup.ts) rather than made from
  // nothing, and again after a file that closed it.
  process.env.PGLITE_DIR = "memory://";
  const snapshot = inject("pgliteSnapshot");
  if (snapshot) startPgliteFrom(new Blob([readFileSync(snapshot)]));
}
process.env.VOLTASIS_ENV ??= "test";
// Rate-limit budgets of its own, like its database, even inside a run's shared namespace (CI's
// RATE_LIMIT_PREFIX): files that flood an address never throttle another file's requests.
process.env.RATE_LIMIT_PREFIX = `${process.env.RATE_LIMIT_PREFIX ?? "voltasis:test"}:${randomBytes(6).toString("hex")}`;
// Mail of this file goes to a folder of its own (the file outbox), never to the repo's .data/.
const outboxDir = mkdtempSync(path.join(tmpdir(), "voltasis-outbox-"));
process.env.EMAIL_OUTBOX_DIR = outboxDir;
process.env.AUTH_SECRET ??= "test-secret-that-is-long-enough-for-auth-js-0123456789";
resetEnvForTests();
if (serverUrl) await closeDb();
// Open now, under the hook timeout, not inside the first test. Tests rely on the demo data, which
// the template or snapshot already holds (seeding again finds its marker and returns).
await seedTestWorld(await getDb());
if (!serverUrl) await keepSeedCopy(await getDb());

afterAll(async () => {
  // As on shutdown: write buffered usage before the database goes, so no timer outlives it.
  await drainUsage();
  await drainEmailOutbox();
  await drainWebhookOutbox();
  await runShutdownHooks();
  await closeAuthListener();
  const keepDatabase = !serverUrl && (await restoredToSeed());
  if (!keepDatabase) await closeDb();
  // The next file in this worker starts with empty caches, budgets and schedules, and the real
  // time: every piece of process state lives under a __voltasis key on globalThis (but the
  // worker's embedded database, back to the demo data).
  for (const key of Object.keys(globalThis)) {
    if (key.startsWith("__voltasis") && !(keepDatabase && key === "__voltasisDb")) {
      delete (globalThis as Record<string, unknown>)[key];
    }
  }
  testClock.reset();
  if (serverUrl && database) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(outboxDir, { recursive: true, force: true });
});

/** The worker's embedded database, if still open, back to the demo data; false if it cannot be. */
async function restoredToSeed(): Promise<boolean> {
  if (!(globalThis as { __voltasisDb?: unknown }).__voltasisDb) return false;
  try {
    await restoreSeedCopy(await getDb());
    return true;
  } catch {
    // A file that left its database unusable: the next one opens a new one from the snapshot.
    return false;
  }
}
