import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { Db, Tx } from "@/db";
import { env } from "@/lib/env";
import { onShutdown } from "@/server/shutdown";
import { type AuthChange, evictAuth, setAuthCacheUsable } from "./auth-cache";

export const AUTH_CHANNEL = "voltasis_auth";
const RETRY_MS = 250;

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
}

const store = globalThis as unknown as { __voltasisAuthListener?: Listener };

/**
 * With PostgreSQL, one dedicated connection per instance LISTENs for changes. Until it is
 * listening, and whenever it drops, the cache is off and every request reads the database (fail
 * closed); each time it is listening again, the cache starts empty. Embedded PGlite is one
 * process, where publishing evicts directly.
 */
export async function ensureAuthListener(): Promise<void> {
  const url = env().DATABASE_URL;
  if (!url || store.__voltasisAuthListener) return;
  setAuthCacheUsable(false);
  const { default: connect } = await import("postgres");
  if (store.__voltasisAuthListener) return;
  const listener: Listener = {
    closed: false,
    retry: undefined,
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
        if (channel === AUTH_CHANNEL) evictAuth(parseChange(payload));
      },
      onclose() {
        setAuthCacheUsable(false);
        retryLater(listener);
      },
    } as postgres.Options<Record<string, never>>),
  };
  store.__voltasisAuthListener = listener;
  onShutdown(closeAuthListener);
  await listen(listener);
}

async function listen(listener: Listener): Promise<void> {
  if (listener.closed) return;
  try {
    await listener.client.unsafe(`listen ${AUTH_CHANNEL}`);
    if (!listener.closed) setAuthCacheUsable(true);
  } catch {
    retryLater(listener);
  }
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
