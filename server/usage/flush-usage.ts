import { sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { apiKeys, usageBuckets } from "@/db/schema";
import { isId } from "@/lib/ids";
import { emptyBatch, eventCount, isEmpty, mergeBatch, type UsageBatch } from "./usage-buffer";
import { usageState } from "./usage-state";

// Rows per statement: one statement per flush in practice; this only bounds its size.
const ROWS_PER_STATEMENT = 10_000;

/**
 * Writes everything buffered so far. The buffer is swapped out before the write, so events that
 * arrive meanwhile go to a fresh one; if the write fails, the batch is merged back and retried by
 * the next flush. The write is one transaction, so a batch lands entirely or not at all: nothing
 * is counted twice. Flushes queue behind each other.
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
  const batch = state.pending;
  if (isEmpty(batch)) return;
  state.pending = emptyBatch();
  try {
    await writeUsageBatch(await getDb(), batch);
  } catch (error) {
    mergeBatch(state.pending, batch);
    throw error;
  }
  state.dropping = false;
}

/**
 * One multi-row upsert into usage_buckets and last_used_at/last_used_ip for the keys, in one
 * transaction.
 * Rows travel as one JSON parameter (jsonb_to_recordset): the same SQL on PostgreSQL and PGlite,
 * no 65,535-parameter ceiling, and no per-row query building (which costs seconds at 5k rows).
 */
export async function writeUsageBatch(db: Db, batch: UsageBatch): Promise<void> {
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
  // Only API keys have a last_used_at; access tokens are short-lived and not listed anywhere.
  const keyUses = [...batch.lastUsed]
    .filter(([tokenId]) => isId("key", tokenId))
    .map(([id, use]) => ({ id, at: new Date(use.at).toISOString(), ip: use.ip }));
  await db.transaction(async (tx) => {
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
  });
}

/** How many events wait in the buffer (tests, shutdown logs). */
export function pendingUsageEvents(): number {
  return eventCount(usageState().pending);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
