import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { browserSessions, users } from "@/db/schema";
import { now, nowMs } from "@/lib/clock";

// Browser sessions last as long as user access tokens: 24 hours from sign-in, never extended.
export const SESSION_MAX_AGE_SECONDS = 24 * 60 * 60;

/**
 * A browser session is valid for 24 hours from its sign-in (`signedInAt`, epoch ms, stored in
 * the JWT at sign-in and never changed), for an enabled user who has not signed out everywhere
 * since. Read fresh on every use: the JWT alone cannot be withdrawn.
 */
export async function sessionIsValid(
  userId: unknown,
  signedInAt: unknown,
  sessionId: unknown,
): Promise<boolean> {
  if (typeof userId !== "string" || typeof signedInAt !== "number") return false;
  if (typeof sessionId !== "string") return false;
  if (nowMs() >= signedInAt + SESSION_MAX_AGE_SECONDS * 1000) return false;
  const db = await getDb();
  // One query: the account's state and whether this very session was signed out or revoked.
  const [user] = await db
    .select({
      disabledAt: users.disabledAt,
      sessionsValidAfter: users.sessionsValidAfter,
      endedAt: browserSessions.endedAt,
    })
    .from(users)
    .leftJoin(
      browserSessions,
      and(eq(browserSessions.id, sessionId), eq(browserSessions.userId, userId)),
    )
    .where(eq(users.id, userId));
  if (!user || user.disabledAt || user.endedAt) return false;
  return !user.sessionsValidAfter || signedInAt > user.sessionsValidAfter.getTime();
}

/**
 * "Sign out": this session is refused from now on, on every instance. Its row may be missing
 * (a session signed in before rows were kept, not read since), so the end is an upsert.
 */
export async function endSession(
  userId: unknown,
  sessionId: unknown,
  signedInAt: unknown,
): Promise<void> {
  if (typeof userId !== "string" || typeof sessionId !== "string") return;
  if (typeof signedInAt !== "number") return;
  const db = await getDb();
  const at = now();
  await db
    .insert(browserSessions)
    .values({
      id: sessionId,
      userId,
      createdAt: new Date(signedInAt),
      expiresAt: sessionExpiresAt(signedInAt),
      endedAt: at,
      lastSeenAt: at,
    })
    .onConflictDoUpdate({
      target: browserSessions.id,
      set: { endedAt: at },
      setWhere: and(eq(browserSessions.userId, userId), isNull(browserSessions.endedAt)),
    });
}

/** When a session signed in at `signedInAt` (epoch ms) is over. */
export function sessionExpiresAt(signedInAt: number): Date {
  return new Date(signedInAt + SESSION_MAX_AGE_SECONDS * 1000);
}

/** "Sign out everywhere": every browser session of the user signed in until now is refused. */
export async function endAllSessions(userId: string): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ sessionsValidAfter: now() }).where(eq(users.id, userId));
}

/** Seconds the session has left: the JWT's own expiry never reaches past sign-in + 24 h. */
export function sessionSecondsLeft(signedInAt: unknown): number | null {
  if (typeof signedInAt !== "number") return null;
  return Math.floor((signedInAt + SESSION_MAX_AGE_SECONDS * 1000 - nowMs()) / 1000);
}
