import { monotonicMs, nowMs } from "@/lib/clock";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";

/**
 * What changed about who may do what. An entry is evicted when it matches every field given:
 * `{ userId, organizationId }` is one membership, `{ userId }` a whole account, `{}` everything
 * (a list of members also goes with a new membership of its organization: see `listsMembers`).
 */
export interface AuthChange {
  credentialIds?: string[];
  userId?: string;
  organizationId?: string;
}

/** What an entry is about, so that a change can evict exactly the entries it touches. */
export interface AuthTags {
  credentialId?: string;
  /** The accounts whose name, state or roles the entry holds. */
  userIds: string[];
  organizationIds: string[];
  /**
   * The entry lists its organizations' members: any membership change there evicts it, even
   * one of a user it does not hold yet (a new member).
   */
  listsMembers?: boolean;
}

interface Entry {
  value: unknown;
  tags: AuthTags;
  storedAt: number;
}

// A backstop only: every change that matters evicts at once, on every instance (auth-bus.ts).
const TTL_MS = 30_000;
// A change is announced inside its transaction, before it commits: until the commit has surely
// been delivered, loads of what it touches may still read the old rows, so they are not stored.
const SETTLE_MS = 2_000;
const MAX_ENTRIES = 20_000;
// The change listener must prove it still hears the database this often (auth-bus.ts sends a
// heartbeat every second), or the cache stops serving: a stalled connection never closes.
const BUS_SILENCE_MS = 2_000;

interface CacheState {
  entries: Map<string, Entry>;
  /** Bumped by every eviction: a load that began before it must not store what it read. */
  generation: number;
  /** Changes of the last SETTLE_MS: what they touch is read from the database, not stored. */
  recent: { change: AuthChange; at: number }[];
  /**
   * Until when (monotonicMs) the cache may serve: past it, this instance cannot be sure it hears
   * other instances' changes, and nothing is cached. Unset until decided: always with embedded
   * PGlite (one process); with PostgreSQL, never until the change listener is listening, then up
   * to BUS_SILENCE_MS after it last proved it hears (authBusHeard).
   */
  usableUntil?: number;
  /** When (monotonicMs) the change listener last proved it hears: the bus heartbeat's age. */
  lastHeardAt?: number;
}

// One cache per process, surviving Next's dev module reloads; read from globalThis on each use,
// so that dropping it (a test worker between files) leaves no module holding the old one.
const store = globalThis as unknown as { __voltasisAuthCache?: CacheState };
function cacheState(): CacheState {
  store.__voltasisAuthCache ??= { entries: new Map(), generation: 0, recent: [] };
  return store.__voltasisAuthCache;
}

export function authCacheGeneration(): number {
  return cacheState().generation;
}

export function getAuthCached<T>(key: string): T | undefined {
  const { authCacheLookups } = metrics();
  if (!authCacheUsable()) {
    authCacheLookups.inc({ result: "bypass" });
    return undefined;
  }
  const state = cacheState();
  const entry = state.entries.get(key);
  if (entry && nowMs() - entry.storedAt > TTL_MS) state.entries.delete(key);
  else if (entry) {
    authCacheLookups.inc({ result: "hit" });
    return entry.value as T;
  }
  authCacheLookups.inc({ result: "miss" });
  return undefined;
}

/** For the metrics scrape: how full the cache is, whether it serves, how old the bus's proof is. */
export function authCacheStats(): {
  entries: number;
  usable: boolean;
  /** Seconds since the change listener last proved it hears; undefined without a bus (PGlite). */
  busHeartbeatAgeSeconds: number | undefined;
} {
  const state = cacheState();
  return {
    entries: state.entries.size,
    usable: authCacheUsable(),
    busHeartbeatAgeSeconds:
      state.lastHeardAt === undefined ? undefined : (monotonicMs() - state.lastHeardAt) / 1000,
  };
}

/** Stores a load's result, unless an eviction happened since the load began (`loadedAt`). */
export function setAuthCached(key: string, value: unknown, tags: AuthTags, loadedAt: number): void {
  const state = cacheState();
  if (!authCacheUsable() || loadedAt !== state.generation) return;
  const at = nowMs();
  state.recent = state.recent.filter((r) => at - r.at < SETTLE_MS);
  if (state.recent.some((r) => matches(tags, r.change))) return;
  if (state.entries.size >= MAX_ENTRIES) {
    const oldest = state.entries.keys().next().value;
    if (oldest !== undefined) state.entries.delete(oldest);
  }
  state.entries.set(key, { value, tags, storedAt: nowMs() });
}

export function evictAuth(change: AuthChange): void {
  const state = cacheState();
  state.generation += 1;
  state.recent.push({ change, at: nowMs() });
  for (const [key, { tags }] of state.entries) {
    if (matches(tags, change)) state.entries.delete(key);
  }
}

function matches(tags: AuthTags, change: AuthChange): boolean {
  if (change.credentialIds && !change.credentialIds.includes(tags.credentialId ?? "")) {
    return false;
  }
  if (change.organizationId && !tags.organizationIds.includes(change.organizationId)) return false;
  if (change.userId && !tags.userIds.includes(change.userId)) {
    return Boolean(tags.listsMembers && change.organizationId);
  }
  return true;
}

/**
 * Turns the cache off (the change listener is down: every request reads the database), or on
 * with no deadline. Either way it starts empty, since changes may have been missed meanwhile.
 */
export function setAuthCacheUsable(usable: boolean, until = Number.POSITIVE_INFINITY): void {
  const state = cacheState();
  state.generation += 1;
  state.entries.clear();
  state.usableUntil = usable ? until : Number.NEGATIVE_INFINITY;
}

/**
 * The change listener has proven it heard every change committed up to `heardAt` (monotonicMs:
 * its LISTEN was answered, or this instance's heartbeat came back through it), so the cache may
 * serve until BUS_SILENCE_MS after that. Had it lapsed or been off, it starts empty.
 */
export function authBusHeard(heardAt: number): void {
  const state = cacheState();
  const until = heardAt + BUS_SILENCE_MS;
  state.lastHeardAt = Math.max(state.lastHeardAt ?? heardAt, heardAt);
  if (!authCacheUsable()) setAuthCacheUsable(true, until);
  else state.usableUntil = Math.max(state.usableUntil ?? until, until);
}

/** On every request: one comparison in memory, no database. */
export function authCacheUsable(): boolean {
  const state = cacheState();
  state.usableUntil ??= env().DATABASE_URL ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return monotonicMs() < state.usableUntil;
}
