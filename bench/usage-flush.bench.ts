import { performance } from "node:perf_hooks";
import { eq, like } from "drizzle-orm";
import { getDb, getDbHandle } from "@/db";
import { organizations, usageBuckets } from "@/db/schema";
import { flushUsage } from "@/server/usage/flush-usage";
import { recordUsage, setUsageAutoFlush } from "@/server/usage/usage-recorder";

const EVENTS = 10_000;
const ROUTES = ["/scopes", "/users", "/time-entries", "/api-keys/{id}"];
const STATUSES = [200, 201, 400, 404, 429, 500];

const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);

/** Buffering 10k events, then writing them: one upsert of new rows, then one of conflicts. */
export async function benchUsageFlush(): Promise<void> {
  const handle = await getDbHandle();
  console.log(`Usage metering (${handle.mode})`);
  const db = await getDb();
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, "acme"));
  if (!org) throw new Error("no demo organization: run npm run db:seed");
  setUsageAutoFlush(false);
  const minute = Math.floor(Date.now() / 60_000) * 60_000;

  // 100 tokens x 4 routes x 6 statuses x 5 minutes: every event its own bucket row.
  const record = () => {
    const start = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      recordUsage({
        tokenId: `tok_bench${String(i % 100).padStart(12, "0")}`,
        organizationId: org.id,
        route: ROUTES[Math.floor(i / 100) % ROUTES.length] ?? "/scopes",
        method: "GET",
        status: STATUSES[Math.floor(i / 400) % STATUSES.length] ?? 200,
        latencyMs: 5 + (i % 20),
        at: new Date(minute - (Math.floor(i / 2_400) % 5) * 60_000),
      });
    }
    return performance.now() - start;
  };

  const buffered = record();
  line("recordUsage x 10,000 (in memory)", `${buffered.toFixed(1)} ms`);
  let start = performance.now();
  await flushUsage();
  line("flushUsage of 10,000 events, new rows", `${(performance.now() - start).toFixed(1)} ms`);
  record();
  start = performance.now();
  await flushUsage();
  line(
    "flushUsage of 10,000 events, all conflicts",
    `${(performance.now() - start).toFixed(1)} ms`,
  );
  const rows = await db.$count(usageBuckets, like(usageBuckets.tokenId, "tok_bench%"));
  line("bucket rows written", rows.toLocaleString("en"));
  await db.delete(usageBuckets).where(like(usageBuckets.tokenId, "tok_bench%"));
}
