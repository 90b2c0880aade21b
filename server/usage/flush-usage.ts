import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { apiKeys, oauthGrants, usageBatches, usageBuckets } from "@/db/schema";
import { monotonicMs } from "@/lib/clock";
import { isId } from "@/lib/ids";
import { metrics } from "@/lib/metrics";
import { emptyBatch, eventCount, isEmpty } from "./usage-batch";
import { type IdentifiedBatch, usageState } from "./usage-state";

// Rows per statement: one statement per flush in practice; this only bounds its size.
const ROWS_PER_STATEMENT = 10_000;

/**
 * Writes everything buffered so far. The buffer is swapped out before the write, so events that
 * arrive meanwhile go to a fresh one. A batch is written in one transaction together with its id,
 * so it lands entirely or not at all; a failed batch is retried as it is, under the same id, and
 * if it had in fact committed (the reply was lost) the retry adds nothing. Flushes queue behind
 * each other.
 */
export function flushUsage(): Promise<void> {
  const state = usageState();
  const previous = state.flushing ?? Promise.resolve();
  const run = previous.catch(() => {}).then(flushOnce);
  const settled = run.catch(() => {});
  state.flushing = settled;
  void settled.then(() => {
    if (state.flushing === settled) state.flushing = undefined;
  });
  return run;
}

async function flushOnce(): Promise<void> {
  const state = usageState();
  if (!state.unconfirmed && isEmpty(state.pending)) return;
  try {
    const db = await getDb();
    // First the batch a failed flush left behind (skipped by its id if it had committed after all).
    if (state.unconfirmed) {
      await timedWrite(db, state.unconfirmed);
      state.unconfirmed = undefined;
      state.unconfirmedSince = undefined;
    }
    if (!isEmpty(state.pending)) {
      state.unconfirmed = { id: randomUUID(), batch: state.pending };
      state.unconfirmedSince = state.pendingSince;
      state.pending = emptyBatch();
      state.pendingSince = undefined;
      await timedWrite(db, state.unconfirmed);
      state.unconfirmed = undefined;
      state.unconfirmedSince = undefined;
    }
  } catch (error) {
    metrics().usageFlushFailures.inc();
    throw error;
  }
  state.dropping = false;
}

async function timedWrite(db: Db, identified: IdentifiedBatch): Promise<void> {
  const started = performance.now();
  await writeUsageBatch(db, identified);
  const { usageFlushBatchEvents, usageFlushDuration } = metrics();
  usageFlushDuration.observe((performance.now() - started) / 1000);
  usageFlushBatchEvents.observe(eventCount(identified.batch));
}

/**
 * Seconds the oldest event still buffered has waited to be written (0 when nothing waits): a
 * healthy process keeps it under FLUSH_INTERVAL_MS; growing, the database is not taking writes.
 */
export function usageFlushLagSeconds(): number {
  const { pendingSince, unconfirmedSince } = usageState();
  const since = Math.min(pendingSince ?? Infinity, unconfirmedSince ?? Infinity);
  return Number.isFinite(since) ? (monotonicMs() - since) / 1000 : 0;
}

/**
 * One multi-row upsert into usage_buckets and last_used_at/last_used_ip for the keys, in one
 * transaction that first records the batch's id; a batch whose id is already there was written
 * before and is skipped (answers false). Rows travel as one JSON parameter (jsonb_to_recordset):
 * the same SQL on PostgreSQL and PGlite, no 65,535-parameter ceiling, and no per-row query
 * building (which costs seconds at 5k rows).
 */
export async function writeUsageBatch(db: Db, { id, batch }: IdentifiedBatch): Promise<boolean> {
  const rows = [...batch.buckets.values()].map((b) => ({
    token_id: b.tokenId,
    organization_id: b.organizationId,
    bucket_start: new Date(b.bucketStart).toISOString(),
    route: b.route,
    method: b.method,
    status_class: b.statusClass,
    count: b.count,
    rate_limited: b.rateLimited,
    unauthorized: b.unauthorized,
    forbidden: b.forbidden,
    not_found: b.notFound,
    total_latency_ms: b.totalLatencyMs,
  }));
  // API keys and OAuth grants (the credential of an app's tokens) have a last_used_at; user
  // access tokens are short-lived and not listed anywhere.
  const keyUses = [...batch.lastUsed]
    .filter(([tokenId]) => isId("key", tokenId))
    .map(([id, use]) => ({ id, at: new Date(use.at).toISOString(), ip: use.ip }));
  const grantUses = [...batch.lastUsed]
    .filter(([tokenId]) => isId("grant", tokenId))
    .map(([id, use]) => ({ id, at: new Date(use.at).toISOString() }));
  return db.transaction(async (tx) => {
    const [first] = await tx
      .insert(usageBatches)
      .values({ id })
      .onConflictDoNothing()
      .returning({ id: usageBatches.id });
    if (!first) return false;
    for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
      await tx.execute(sql`
        insert into ${usageBuckets} (token_id, organization_id, bucket_start, route, method,
          status_class, count, rate_limited, unauthorized, forbidden, not_found, total_latency_ms)
        select token_id, organization_id, bucket_start, route, method, status_class, count,
          rate_limited, unauthorized, forbidden, not_found, total_latency_ms
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(token_id text,
          organization_id text, bucket_start timestamptz, route text, method text,
          status_class text, count integer, rate_limited integer, unauthorized integer,
          forbidden integer, not_found integer, total_latency_ms bigint)
        on conflict (token_id, bucket_start, route, method, status_class) do update set
          count = usage_buckets.count + excluded.count,
          rate_limited = usage_buckets.rate_limited + excluded.rate_limited,
          unauthorized = usage_buckets.unauthorized + excluded.unauthorized,
          forbidden = usage_buckets.forbidden + excluded.forbidden,
          not_found = usage_buckets.not_found + excluded.not_found,
          total_latency_ms = usage_buckets.total_latency_ms + excluded.total_latency_ms`);
    }
    for (const chunk of chunks(keyUses, ROWS_PER_STATEMENT)) {
      // greatest() ignores NULL and never moves last_used_at backwards (late batches); the IP
      // moves with it, so it is always the address of the latest recorded use.
      await tx.execute(sql`
        update ${apiKeys} set last_used_at = greatest(${apiKeys.lastUsedAt}, v.at),
          last_used_ip = case
            when ${apiKeys.lastUsedAt} is null or v.at >= ${apiKeys.lastUsedAt}
            then coalesce(v.ip, ${apiKeys.lastUsedIp})
            else ${apiKeys.lastUsedIp} end
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(id text, at timestamptz,
          ip text)
        where ${apiKeys.id} = v.id`);
    }
    for (const chunk of chunks(grantUses, ROWS_PER_STATEMENT)) {
      await tx.execute(sql`
        update ${oauthGrants} set last_used_at = greatest(${oauthGrants.lastUsedAt}, v.at)
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(id text, at timestamptz)
        where ${oauthGrants.id} = v.id`);
    }
    return true;
  });
}

/** How many events wait to be written (tests, shutdown logs). */
export function pendingUsageEvents(): number {
  const state = usageState();
  return eventCount(state.pending) + (state.unconfirmed ? eventCount(state.unconfirmed.batch) : 0);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
