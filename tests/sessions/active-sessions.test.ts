import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { auditLogs, browserSessions } from "@/db/schema";
import { nowMs, testClock } from "@/lib/clock";
import { authSecret } from "@/lib/env";
import { LAST_SEEN_INTERVAL_MS, touchSession } from "@/server/auth/session-activity";
import { sessionJwt } from "@/server/auth/session-callbacks";
import { endAllSessions, endSession } from "@/server/auth/session-validity";
import { runMaintenance } from "@/server/maintenance/run-maintenance";
import { listActiveSessions } from "@/server/sessions/list-active-sessions";
import { revokeSession } from "@/server/sessions/revoke-session";
import { orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { makeUser } from "@/tests/helpers/tokens";

// Settings > Account's active sessions: the real jwt callback signs in, the real /auth/me route
// reads the session cookie as the dashboard sends it, the verbs run on this file's database.

const DAY = 24 * 60 * 60 * 1000;
const FIREFOX_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

beforeAll(async () => {
  await getDb();
});
afterEach(() => testClock.reset());

async function signIn(
  user: { id: string },
  slug: "acme" | "globex" = "acme",
): Promise<JWT & { sid: string }> {
  const token = await sessionJwt({
    token: {},
    user: { id: user.id, organizationId: await orgId(slug) },
    trigger: "signIn",
  });
  if (!token || typeof token.sid !== "string") throw new Error("sign-in refused");
  return token as JWT & { sid: string };
}

/** The dashboard calling /auth/me with this session's cookie, from a browser and an address. */
async function me(token: JWT, from: { userAgent?: string; ip?: string } = {}) {
  const value = await encode({
    token,
    secret: authSecret(),
    salt: "authjs.session-token",
    maxAge: DAY / 1000,
  });
  return invoke(meRoute.GET, {
    path: "/auth/me",
    headers: {
      cookie: `authjs.session-token=${value}`,
      "sec-fetch-site": "same-origin",
      ...(from.userAgent ? { "user-agent": from.userAgent } : {}),
    },
    ip: from.ip,
  });
}

async function owner(user: { id: string }) {
  return { user: { id: user.id, email: "", name: "", isPlatformAdmin: false }, db: await getDb() };
}

/** The audit actor of the account's own browser, as the server action passes it. */
function actor(user: { id: string }) {
  return { userId: user.id, credentialId: "session", ip: "203.0.113.9" };
}

async function row(id: string) {
  const db = await getDb();
  const [found] = await db.select().from(browserSessions).where(eq(browserSessions.id, id));
  return found;
}

describe("listActiveSessions", () => {
  it("lists the account's own live sessions, this one first, with device and address", async () => {
    const user = await makeUser("acme");
    const colleague = await makeUser("acme");
    const laptop = await signIn(user);
    const phone = await signIn(user);
    await signIn(colleague);
    // Past the last-seen interval, each browser's next request records where it came from.
    testClock.advance(LAST_SEEN_INTERVAL_MS + 1_000);
    expect((await me(laptop, { userAgent: FIREFOX_WINDOWS, ip: "203.0.113.7" })).status).toBe(200);
    expect((await me(phone, { userAgent: SAFARI_IPHONE, ip: "2001:db8::1" })).status).toBe(200);

    const sessions = await listActiveSessions(await owner(user), phone.sid);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({
      id: phone.sid,
      current: true,
      device: "Safari on iOS",
      ip: "2001:db8::1",
      signedInAt: new Date(phone.signedInAt as number).toISOString(),
    });
    expect(sessions[1]).toMatchObject({
      id: laptop.sid,
      current: false,
      device: "Firefox on Windows",
      ip: "203.0.113.7",
    });
    expect(Date.parse(sessions[1]?.expiresAt ?? "")).toBe((laptop.signedInAt as number) + DAY);
  });

  it("leaves out signed-out, revoked, expired and signed-out-everywhere sessions", async () => {
    const user = await makeUser("acme");
    const signedOut = await signIn(user);
    const revoked = await signIn(user);
    await endSession(signedOut.uid, signedOut.sid, signedOut.signedInAt);
    await revokeSession(await owner(user), actor(user), revoked.sid);
    const live = await signIn(user);
    expect((await listActiveSessions(await owner(user), null)).map((s) => s.id)).toEqual([
      live.sid,
    ]);

    testClock.advance(1_000);
    await endAllSessions(user.id);
    expect(await listActiveSessions(await owner(user), null)).toEqual([]);
    testClock.advance(1_000);
    const fresh = await signIn(user);
    expect((await listActiveSessions(await owner(user), null)).map((s) => s.id)).toEqual([
      fresh.sid,
    ]);
    testClock.advance(DAY);
    expect(await listActiveSessions(await owner(user), null)).toEqual([]);
  });

  it("a session signed in before rows were kept gets its row on its next read", async () => {
    const user = await makeUser("acme");
    const sid = randomBytes(16).toString("base64url");
    const older = { uid: user.id, orgId: await orgId("acme"), sid, signedInAt: nowMs() - 60_000 };
    expect(await row(sid)).toBeUndefined();
    expect((await me(older, { userAgent: FIREFOX_WINDOWS })).status).toBe(200);
    const sessions = await listActiveSessions(await owner(user), null);
    expect(sessions.map((s) => [s.id, s.device])).toEqual([[sid, "Firefox on Windows"]]);
    // Signing it out afterwards still ends it.
    await endSession(user.id, sid, older.signedInAt);
    expect((await me(older)).status).toBe(401);
  });
});

describe("revokeSession", () => {
  it("ends the session at its next request, and only that one", async () => {
    const user = await makeUser("acme");
    const laptop = await signIn(user);
    const phone = await signIn(user);
    expect(await revokeSession(await owner(user), actor(user), laptop.sid)).toEqual({
      id: laptop.sid,
    });
    expect((await me(laptop)).status).toBe(401);
    expect(await sessionJwt({ token: { ...laptop } })).toBeNull();
    expect((await me(phone)).status).toBe(200);
    expect((await row(laptop.sid))?.endedAt).toBeInstanceOf(Date);
    // Audited in the account's organization, naming the browser that was signed out.
    const db = await getDb();
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, user.id), eq(auditLogs.action, "user.session_revoked")));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.organizationId).toBe(await orgId("acme"));
    expect(audits[0]?.actorTokenId).toBe("session");
    expect(audits[0]?.metadata).toMatchObject({ device: expect.any(String) });
  });

  it("answers NOT_FOUND for another account's, an ended, an expired or an unknown session", async () => {
    const user = await makeUser("acme");
    const stranger = await makeUser("globex");
    const theirs = await signIn(stranger, "globex");
    const mine = await signIn(user);
    const notFound = { code: "NOT_FOUND", message: "No active session of yours has this id" };

    await expect(revokeSession(await owner(user), actor(user), theirs.sid)).rejects.toMatchObject(
      notFound,
    );
    // Theirs is untouched and still works.
    expect((await row(theirs.sid))?.endedAt).toBeNull();
    expect((await me(theirs)).status).toBe(200);

    await revokeSession(await owner(user), actor(user), mine.sid);
    await expect(revokeSession(await owner(user), actor(user), mine.sid)).rejects.toMatchObject(
      notFound,
    );
    const unknown = randomBytes(16).toString("base64url");
    await expect(revokeSession(await owner(user), actor(user), unknown)).rejects.toMatchObject(
      notFound,
    );

    const old = await signIn(user);
    testClock.advance(DAY + 1_000);
    await expect(revokeSession(await owner(user), actor(user), old.sid)).rejects.toMatchObject(
      notFound,
    );
  });
});

describe("last seen", () => {
  it("is written at most once every few minutes per session", async () => {
    const user = await makeUser("acme");
    const token = await signIn(user);
    const signedIn = (await row(token.sid))?.lastSeenAt.getTime();
    expect(signedIn).toBe(token.signedInAt);

    // Requests within the interval write nothing: the instance remembers its last write.
    testClock.advance(LAST_SEEN_INTERVAL_MS - 1_000);
    expect((await me(token, { userAgent: SAFARI_IPHONE })).status).toBe(200);
    expect(await touchSession(token, () => ({ userAgent: "", ip: "" }))).toBe(false);
    expect((await row(token.sid))?.lastSeenAt.getTime()).toBe(signedIn);

    // The first request after it writes the time, the browser and the address once.
    testClock.advance(2_000);
    const at = nowMs();
    expect((await me(token, { userAgent: SAFARI_IPHONE, ip: "192.0.2.44" })).status).toBe(200);
    const seen = await row(token.sid);
    expect(seen?.lastSeenAt.getTime()).toBeGreaterThanOrEqual(at);
    expect(seen).toMatchObject({ userAgent: SAFARI_IPHONE, ip: "192.0.2.44" });
    testClock.advance(60_000);
    expect((await me(token, { userAgent: FIREFOX_WINDOWS })).status).toBe(200);
    expect((await row(token.sid))?.lastSeenAt.getTime()).toBe(seen?.lastSeenAt.getTime());
  });

  it("never reopens an ended session", async () => {
    const user = await makeUser("acme");
    const token = await signIn(user);
    await revokeSession(await owner(user), actor(user), token.sid);
    const ended = await row(token.sid);
    testClock.advance(LAST_SEEN_INTERVAL_MS + 1_000);
    await touchSession(token, () => ({ userAgent: FIREFOX_WINDOWS, ip: "192.0.2.9" }));
    expect(await row(token.sid)).toEqual(ended);
  });
});

describe("maintenance", () => {
  it("forgets sessions past their 24 hours, and only those", async () => {
    const user = await makeUser("acme");
    const old = await signIn(user);
    await endSession(old.uid, old.sid, old.signedInAt);
    testClock.advance(DAY - 60_000);
    const young = await signIn(user);
    testClock.advance(120_000);
    const report = await runMaintenance();
    expect(report.browserSessionsPruned).toBeGreaterThanOrEqual(1);
    expect(await row(old.sid)).toBeUndefined();
    expect(await row(young.sid)).toBeDefined();
  });
});
