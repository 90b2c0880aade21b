import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import { type Db, getDb, type Tx } from "@/db";
import { monotonicMs } from "@/lib/clock";
import { env } from "@/lib/env";
import { onShutdown } from "@/server/shutdown";
import { type AuthChange, authBusHeard, evictAuth, setAuthCacheUsable } from "./auth-cache";

export const AUTH_CHANNEL = "voltasis_auth";
const RETRY_MS = 250;
// Twice as often as auth-cache.ts's BUS_SILENCE_MS: one late heartbeat does not turn the cache off.
const HEARTBEAT_MS = 1_000;

/**
 * Announces a change of who may do what, inside the transaction that makes it. PostgreSQL
 * delivers NOTIFY only on commit, so no instance evicts for a change that rolled back; every
 * instance LISTENs and evicts what the change touches. This instance evicts at once as well
 * (and again on delivery), so a load racing the transaction never stores the old state.
 */
export async function publishAuthChange(db: Db | Tx, change: AuthChange): Promise<void> {
  evictAuth(change);
  if (env().DATABASE_URL) {
    await db.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${JSON.stringify(change)})`);
  }
}

interface Listener {
  client: postgres.Sql;
  closed: boolean;
  retry?: NodeJS.Timeout;
  /** This instance's own channel, where only its heartbeats go. */
  heartbeatChannel: string;
  heartbeat: NodeJS.Timeout;
  /** A heartbeat is on its way to the database: the next one waits rather than piling up. */
  beating: boolean;
  /** Bumped each time the connection closes: a LISTEN answered on an older one proves nothing. */
  connection: number;
}

const store = globalThis as unknown as { __voltasisAuthListener?: Listener };

/**
 * With PostgreSQL, one dedicated connection per instance LISTENs for changes. Until it is
 * listening, and whenever it drops, the cache is off and every request reads the database (fail
 * closed); each time it is listening again, the cache starts empty. A connection can also stall
 * without closing (half-open TCP, a frozen proxy), so every HEARTBEAT_MS the instance NOTIFYs
 * itself through its ordinary pool, and the cache serves only while those come back through the
 * listener (auth-cache.ts: authBusHeard). Embedded PGlite is one process, where publishing
 * evicts directly: no listener, no heartbeat, the cache is always on.
 *
 * `listenerUrl` (tests only) points the listening connection elsewhere than DATABASE_URL, say
 * through a proxy the test can freeze; the first call decides it.
 */
export async function ensureAuthListener(options: { listenerUrl?: string } = {}): Promise<void> {
  const databaseUrl = env().DATABASE_URL;
  if (!databaseUrl || store.__voltasisAuthListener) return;
  const url = options.listenerUrl ?? databaseUrl;
  setAuthCacheUsable(false);
  const { default: connect } = await import("postgres");
  if (store.__voltasisAuthListener) return;
  // A channel of its own rather than a payload on AUTH_CHANNEL: no instance hears the others'
  // heartbeats (one delivery a second each, not one per instance), and an older instance in a
  // rolling deploy, which reads any unknown message as "evict everything", never sees them.
  const heartbeatChannel = `${AUTH_CHANNEL}_hb_${randomBytes(6).toString("hex")}`;
  const listener: Listener = {
    closed: false,
    retry: undefined,
    heartbeatChannel,
    heartbeat: setInterval(() => void beat(listener), HEARTBEAT_MS),
    beating: false,
    connection: 0,
    // Our own connection rather than sql.listen(): only its onclose tells us when we stop
    // hearing changes. `onnotify` is postgres.js's (pinned 3.4.9) hook under sql.listen().
    client: connect(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: 0,
      connect_timeout: 2,
      fetch_types: false,
      onnotice: () => {},
      onnotify(channel: string, payload: string) {
        if (listener.closed) return;
        if (channel === AUTH_CHANNEL) evictAuth(parseChange(payload));
        else if (channel === heartbeatChannel) heardHeartbeat(payload);
      },
      onclose() {
        listener.connection += 1;
        setAuthCacheUsable(false);
        retryLater(listener);
      },
    } as postgres.Options<Record<string, never>>),
  };
  // The heartbeat must not keep a finished process (a script, a test worker) alive.
  listener.heartbeat.unref();
  store.__voltasisAuthListener = listener;
  onShutdown(closeAuthListener);
  await listen(listener);
}

async function listen(listener: Listener): Promise<void> {
  if (listener.closed) return;
  const connection = listener.connection;
  const askedAt = monotonicMs();
  try {
    // One message, so both channels are LISTENed on the same session: a heartbeat heard proves
    // that AUTH_CHANNEL is heard too (and it is LISTENed first).
    await listener.client.unsafe(`listen ${AUTH_CHANNEL}; listen ${listener.heartbeatChannel}`);
    // Heard from the moment the LISTEN ran; the heartbeats have to keep it on from here.
    if (!listener.closed && connection === listener.connection) authBusHeard(askedAt);
  } catch {
    retryLater(listener);
  }
}

/**
 * NOTIFYs this instance's heartbeat channel through the app's pool, not the listener's
 * connection: the point is to see whether the listener still receives. The payload is when it
 * was sent (this process's monotonic clock), so a heartbeat delivered late proves only what it
 * can: that every change committed before it was sent has been heard.
 */
async function beat(listener: Listener): Promise<void> {
  if (listener.closed || listener.beating) return;
  listener.beating = true;
  try {
    const db = await getDb();
    await db.execute(sql`select pg_notify(${listener.heartbeatChannel}, ${String(monotonicMs())})`);
  } catch {
    // The database is unreachable: no heartbeat comes back, and the cache lapses (fail closed).
  } finally {
    listener.beating = false;
  }
}

function heardHeartbeat(payload: string): void {
  const sentAt = Number(payload);
  if (payload !== "" && Number.isFinite(sentAt)) authBusHeard(sentAt);
}

/** One pending retry at a time, however many failures report the same outage. */
function retryLater(listener: Listener): void {
  if (listener.closed || listener.retry) return;
  listener.retry = setTimeout(() => {
    listener.retry = undefined;
    void listen(listener);
  }, RETRY_MS);
  listener.retry.unref();
}

export async function closeAuthListener(): Promise<void> {
  const listener = store.__voltasisAuthListener;
  store.__voltasisAuthListener = undefined;
  if (!listener) return;
  listener.closed = true;
  clearTimeout(listener.retry);
  clearInterval(listener.heartbeat);
  setAuthCacheUsable(false);
  await listener.client.end({ timeout: 1 }).catch(() => {});
}

/** A malformed message evicts everything: better a cold cache than a stale one. */
function parseChange(payload: string): AuthChange {
  try {
    const value = JSON.parse(payload) as AuthChange;
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}
