import { encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { nowMs, testClock } from "@/lib/clock";
import { authSecret } from "@/lib/env";
import { sessionJwt } from "@/server/auth/session-callbacks";
import { endAllSessions, endSession } from "@/server/auth/session-validity";
import { orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { makeUser } from "@/tests/helpers/tokens";

// Browser sessions: the real Auth.js JWT (encoded with the app's secret) presented as the
// dashboard presents it, and the real jwt callback Auth.js runs on every session read.

const DAY = 24 * 60 * 60 * 1000;
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

beforeAll(async () => {
  await getDb();
});
afterEach(() => testClock.reset());

async function cookie(token: JWT, name = PLAIN): Promise<string> {
  // A freshly issued JWT (Auth.js re-encodes on each read with a new 24 h expiry).
  const value = await encode({ token, secret: authSecret(), salt: name, maxAge: DAY / 1000 });
  return `${name}=${value}`;
}

const me = (cookieHeader: string) =>
  invoke(meRoute.GET, {
    path: "/auth/me",
    headers: { cookie: cookieHeader, "sec-fetch-site": "same-origin" },
  });

/** Signs in through the jwt callback, as Auth.js does after `authorize` succeeded. */
async function signIn(user: { id: string }): Promise<JWT> {
  const token = await sessionJwt({
    token: {},
    user: { id: user.id, organizationId: await orgId("acme") },
    trigger: "signIn",
  });
  if (!token) throw new Error("sign-in refused");
  return token;
}

describe("browser sessions last 24 hours from sign-in", () => {
  it("are refused 24 h after sign-in even when the JWT was just re-issued", async () => {
    const user = await makeUser("acme");
    const claims = { uid: user.id, orgId: await orgId("acme"), sid: "sid-of-this-test" };
    const young = await me(await cookie({ ...claims, signedInAt: nowMs() - DAY + 60_000 }));
    expect(young.status).toBe(200);
    expect(young.body.data).toMatchObject({ email: user.email, token: { type: "session" } });
    const old = await me(await cookie({ ...claims, signedInAt: nowMs() - DAY - 1_000 }));
    expect(old.status).toBe(401);
    // A session from before sign-in times and ids were recorded cannot prove its age.
    expect((await me(await cookie(claims))).status).toBe(401);
    const { sid: _sid, ...withoutId } = claims;
    expect((await me(await cookie({ ...withoutId, signedInAt: nowMs() }))).status).toBe(401);
  });

  it("the jwt callback keeps the sign-in time on every read and ends the session at 24 h", async () => {
    const user = await makeUser("acme");
    const before = nowMs();
    const token = await signIn(user);
    const signedInAt = token.signedInAt;
    expect(signedInAt).toBeGreaterThanOrEqual(before);
    expect(signedInAt).toBeLessThanOrEqual(nowMs());
    testClock.advance(DAY - 1_000);
    const reread = await sessionJwt({ token: { ...token } });
    expect(reread?.signedInAt).toBe(signedInAt);
    expect((await me(await cookie({ ...token }))).status).toBe(200);
    testClock.advance(2_000);
    expect(await sessionJwt({ token: { ...token } })).toBeNull();
    expect((await me(await cookie({ ...token }))).status).toBe(401);
  });
});

describe("sign out", () => {
  it("ends this session on the server, and no other", async () => {
    const user = await makeUser("acme");
    const laptop = await signIn(user);
    const phone = await signIn(user);
    expect(laptop.sid).not.toBe(phone.sid);
    await endSession(laptop.uid, laptop.sid, laptop.signedInAt);
    // A copy of the laptop's cookie taken before sign-out is refused everywhere.
    expect(await sessionJwt({ token: { ...laptop } })).toBeNull();
    expect((await me(await cookie(laptop))).status).toBe(401);
    expect((await me(await cookie(phone))).status).toBe(200);
  });
});

describe("sign out everywhere", () => {
  it("ends every session signed in before it, and only those", async () => {
    const user = await makeUser("acme");
    const other = await makeUser("acme");
    const laptop = await signIn(user);
    const phone = await signIn(user);
    const colleague = await signIn(other);
    expect((await me(await cookie(laptop))).status).toBe(200);

    testClock.advance(1_000);
    await endAllSessions(user.id);
    for (const token of [laptop, phone]) {
      expect(await sessionJwt({ token: { ...token } })).toBeNull();
      expect((await me(await cookie(token))).status).toBe(401);
    }
    expect((await me(await cookie(colleague))).status).toBe(200);

    // Signing in again afterwards works.
    testClock.advance(1_000);
    const fresh = await signIn(user);
    expect(await sessionJwt({ token: { ...fresh } })).not.toBeNull();
    expect((await me(await cookie(fresh))).status).toBe(200);
  });
});

describe("session cookies", () => {
  it("the __Secure- cookie wins over the plain one when both are sent", async () => {
    const secureUser = await makeUser("acme");
    const plantedUser = await makeUser("acme");
    const both = [
      await cookie(await signIn(plantedUser), PLAIN),
      await cookie(await signIn(secureUser), SECURE),
    ].join("; ");
    const res = await me(both);
    expect(res.status).toBe(200);
    expect(res.body.data.email).toBe(secureUser.email);
  });
});
