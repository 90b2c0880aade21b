import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { browserSessions } from "@/db/schema";
import { nowMs } from "@/lib/clock";
import { clientIp } from "@/server/core/client-ip";
import { sessionExpiresAt } from "./session-validity";

/** How often a session's `last_seen_at` is written at most, per session and instance. */
export const LAST_SEEN_INTERVAL_MS = 5 * 60 * 1000;
// Sessions whose last write this instance remembers; the oldest is forgotten past this.
const MAX_REMEMBERED = 10_000;
// A browser's User-Agent is a few hundred characters; anything longer is cut, not stored whole.
const MAX_USER_AGENT = 512;

/** Where a browser session was seen from, as shown in Settings > Account. */
export interface SessionClient {
  userAgent: string;
  ip: string;
}

/** The session's claims from its JWT; unknown until checked, as Auth.js hands them over. */
export interface SessionClaims {
  uid?: unknown;
  sid?: unknown;
  signedInAt?: unknown;
}

export function sessionClientFrom(headers: Headers): SessionClient {
  const ip = clientIp(headers);
  return {
    userAgent: (headers.get("user-agent") ?? "").slice(0, MAX_USER_AGENT),
    ip: ip === "unknown" ? "" : ip,
  };
}

const store = globalThis as unknown as { __voltasisSessionsSeen?: Map<string, number> };

/** Session id -> when this instance last wrote its row (epoch ms), oldest write first. */
function seen(): Map<string, number> {
  store.__voltasisSessionsSeen ??= new Map();
  return store.__voltasisSessionsSeen;
}

function remember(sessionId: string, at: number): void {
  const map = seen();
  map.delete(sessionId);
  map.set(sessionId, at);
  if (map.size > MAX_REMEMBERED) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

/**
 * Notes that a session was used: at most one write per LAST_SEEN_INTERVAL_MS per session on this
 * instance, remembered in memory, so most dashboard requests cost no write. Never called on the
 * API-key or Bearer path. The write is an upsert: a session signed in before rows were kept gets
 * its row here; an ended one is left as it is. Answers whether it wrote.
 */
export async function touchSession(
  claims: SessionClaims,
  client: () => Promise<SessionClient> | SessionClient,
): Promise<boolean> {
  const { uid, sid, signedInAt } = claims;
  if (typeof uid !== "string" || typeof sid !== "string" || typeof signedInAt !== "number") {
    return false;
  }
  const at = nowMs();
  const last = seen().get(sid);
  if (last !== undefined && at - last < LAST_SEEN_INTERVAL_MS) return false;
  // Remembered before the write, so requests arriving meanwhile do not write as well.
  remember(sid, at);
  try {
    await writeSession({ id: sid, userId: uid, signedInAt, at }, await client());
  } catch (error) {
    seen().delete(sid);
    throw error;
  }
  return true;
}

/** The row of a session that has just signed in. */
export async function recordSignIn(
  session: { id: string; userId: string; signedInAt: number },
  client: SessionClient,
): Promise<void> {
  remember(session.id, session.signedInAt);
  await writeSession({ ...session, at: session.signedInAt }, client);
}

async function writeSession(
  session: { id: string; userId: string; signedInAt: number; at: number },
  client: SessionClient,
): Promise<void> {
  const db = await getDb();
  const at = new Date(session.at);
  await db
    .insert(browserSessions)
    .values({
      id: session.id,
      userId: session.userId,
      createdAt: new Date(session.signedInAt),
      expiresAt: sessionExpiresAt(session.signedInAt),
      lastSeenAt: at,
      userAgent: client.userAgent,
      ip: client.ip,
    })
    .onConflictDoUpdate({
      target: browserSessions.id,
      set: {
        lastSeenAt: at,
        // A read with no request behind it (a script) keeps what a browser told us before.
        userAgent: sql`coalesce(nullif(excluded.user_agent, ''), ${browserSessions.userAgent})`,
        ip: sql`coalesce(nullif(excluded.ip, ''), ${browserSessions.ip})`,
      },
      setWhere: and(eq(browserSessions.userId, session.userId), isNull(browserSessions.endedAt)),
    });
}
