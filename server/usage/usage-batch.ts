// Usage events aggregated in memory, keyed exactly like the usage_buckets primary key, so one
// flush writes one row per (token, minute, route, method, status class) however many calls.

export interface UsageEvent {
  tokenId: string;
  organizationId: string;
  /** The route pattern, e.g. "/api-keys/{id}", never the concrete path. */
  route: string;
  method: string;
  status: number;
  latencyMs: number;
  at: Date;
  /** The client address, recorded as the key's last_used_ip with last_used_at. */
  ip?: string;
  /** Refused before acting as the key (its IP allowlist): counted, but not a use. */
  refused?: boolean;
}

/** A token's latest use: when and from where. */
export interface LastUse {
  at: number;
  ip: string | null;
}

export type StatusClass = "2xx" | "4xx" | "5xx";

export interface UsageBucket {
  tokenId: string;
  organizationId: string;
  /** Epoch milliseconds of the minute. */
  bucketStart: number;
  route: string;
  method: string;
  statusClass: StatusClass;
  count: number;
  rateLimited: number;
  /** 401, 403 and 404 answers among `count` (429s are `rateLimited`). */
  unauthorized: number;
  forbidden: number;
  notFound: number;
  totalLatencyMs: number;
}

export interface UsageBatch {
  buckets: Map<string, UsageBucket>;
  /** Latest call per token id, for api_keys.last_used_at and last_used_ip. */
  lastUsed: Map<string, LastUse>;
}

const MINUTE_MS = 60_000;

export function emptyBatch(): UsageBatch {
  return { buckets: new Map(), lastUsed: new Map() };
}

export function statusClass(status: number): StatusClass {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  return "2xx";
}

export function addEvent(batch: UsageBatch, event: UsageEvent): void {
  const at = event.at.getTime();
  const bucketStart = at - (at % MINUTE_MS);
  const cls = statusClass(event.status);
  mergeBucket(batch, {
    tokenId: event.tokenId,
    organizationId: event.organizationId,
    bucketStart,
    route: event.route,
    method: event.method.toUpperCase(),
    statusClass: cls,
    count: 1,
    rateLimited: event.status === 429 ? 1 : 0,
    unauthorized: event.status === 401 ? 1 : 0,
    forbidden: event.status === 403 ? 1 : 0,
    notFound: event.status === 404 ? 1 : 0,
    totalLatencyMs: Math.max(0, Math.round(event.latencyMs)),
  });
  if (!event.refused) touch(batch, event.tokenId, { at, ip: event.ip ?? null });
}

export function isEmpty(batch: UsageBatch): boolean {
  return batch.buckets.size === 0;
}

export function eventCount(batch: UsageBatch): number {
  let total = 0;
  for (const bucket of batch.buckets.values()) total += bucket.count;
  return total;
}

function mergeBucket(batch: UsageBatch, bucket: UsageBucket): void {
  const id = [
    bucket.tokenId,
    bucket.bucketStart,
    bucket.route,
    bucket.method,
    bucket.statusClass,
  ].join("\u0000");
  const current = batch.buckets.get(id);
  if (!current) {
    batch.buckets.set(id, { ...bucket });
    return;
  }
  current.count += bucket.count;
  current.rateLimited += bucket.rateLimited;
  current.unauthorized += bucket.unauthorized;
  current.forbidden += bucket.forbidden;
  current.notFound += bucket.notFound;
  current.totalLatencyMs += bucket.totalLatencyMs;
}

function touch(batch: UsageBatch, tokenId: string, use: LastUse): void {
  const previous = batch.lastUsed.get(tokenId);
  if (previous === undefined || use.at >= previous.at) batch.lastUsed.set(tokenId, use);
}
