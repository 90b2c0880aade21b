import { and, eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as confirmRoute from "@/app/api/v1/auth/password-reset/confirm/route";
import * as resetRoute from "@/app/api/v1/auth/password-reset/route";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import * as organizationsRoute from "@/app/api/v1/organizations/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { auditLogs, emailTokens, invitations, memberships, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { nowMs, testClock } from "@/lib/clock";
import { authSecret } from "@/lib/env";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { sessionJwt } from "@/server/auth/session-callbacks";
import { hashToken } from "@/server/tokens/format";
import { PASSWORD_RESET_ACCEPTED_MESSAGE } from "@/server/users/account-schemas";
import { EMAIL_LIMIT } from "@/server/users/email-throttle";
import { orgId, sessionContextOf } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { mailsTo, tokenIn } from "@/tests/helpers/mail";
import { login } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});
afterEach(() => testClock.reset());

const NEW_PASSWORD = "marble orchestra lantern 93";
const COOKIE = "authjs.session-token";

const fresh = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;

const requestReset = (email: unknown) =>
  invoke(resetRoute.POST, { method: "POST", path: "/auth/password-reset", body: { email } });

const confirmReset = (body: Record<string, unknown>) =>
  invoke(confirmRoute.POST, { method: "POST", path: "/auth/password-reset/confirm", body });

const me = (token: string) => invoke(meRoute.GET, { path: "/auth/me", token });

async function signInToken(email: string, password: string, organizationId?: string) {
  return invoke(tokenRoute.POST, {
    method: "POST",
    path: "/auth/token",
    body: { email, password, organization_id: organizationId },
  });
}

/** A browser session of the user, as the dashboard presents it (a real Auth.js JWT cookie). */
async function sessionCookie(userId: string, organizationId: string): Promise<string> {
  const token = await sessionJwt({
    token: {},
    user: { id: userId, organizationId },
    trigger: "signIn",
  });
  if (!token) throw new Error("sign-in refused");
  const value = await encode({ token, secret: authSecret(), salt: COOKIE, maxAge: 86_400 });
  return `${COOKIE}=${value}`;
}

const meWithSession = (cookie: string) =>
  invoke(meRoute.GET, { path: "/auth/me", headers: { cookie, "sec-fetch-site": "same-origin" } });

/** An account an operator made (verified address), member of Acme, with the demo password. */
async function verifiedUser() {
  const db = await getDb();
  const id = newId("usr");
  const email = `${id.toLowerCase()}@example.test`;
  await db.insert(users).values({
    id,
    email,
    name: `Vera ${id.slice(-4)}`,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    emailVerifiedAt: new Date(),
  });
  await db
    .insert(memberships)
    .values({ userId: id, organizationId: await orgId("acme"), role: "member" });
  return { id, email };
}

async function resetToken(email: string): Promise<string> {
  const res = await requestReset(email);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const mails = (await mailsTo(email)).filter((m) => m.subject.includes("Reset"));
  const last = mails.at(-1);
  if (!last) throw new Error(`no reset mail to ${email}`);
  return tokenIn(last, "/reset-password");
}

async function countTokens(): Promise<number> {
  const db = await getDb();
  return (await db.select({ h: emailTokens.tokenHash }).from(emailTokens)).length;
}

describe("POST /auth/password-reset", () => {
  it("answers 202 with the same body for an account and for an unknown address, and mails only the account", async () => {
    const account = await verifiedUser();
    const unknown = fresh("nobody");
    const tokensBefore = await countTokens();
    const known = await requestReset(account.email);
    const stranger = await requestReset(unknown);
    expect(known.status).toBe(202);
    expect(stranger.status).toBe(202);
    expect(known.body).toEqual(stranger.body);
    expect(known.body).toEqual({
      data: { status: "accepted", message: PASSWORD_RESET_ACCEPTED_MESSAGE },
    });
    expect(known.headers.get("content-type")).toBe(stranger.headers.get("content-type"));
    // The same write for both: a link row each, the stranger's owned by no one.
    expect(await countTokens()).toBe(tokensBefore + 2);
    expect(await mailsTo(unknown)).toEqual([]);
    const [mail] = await mailsTo(account.email);
    if (!mail) throw new Error("no mail to the account");
    expect(mail.subject).toBe("Reset your Voltasis password");
    // Plain text and HTML, why it came, the link, and nothing secret besides the link.
    const token = tokenIn(mail, "/reset-password");
    expect(token).toMatch(/^vlt_pr_[0-9A-Za-z]{46}$/);
    expect(mail?.text).toContain(`http://localhost:3000/reset-password?token=${token}`);
    expect(mail?.text).toContain(
      `You receive this because a password reset was requested for ${account.email}`,
    );
    expect(mail?.html).toContain(`href="http://localhost:3000/reset-password?token=${token}"`);
    expect(mail?.raw).not.toContain(DEMO_PASSWORD);
    // Only the hash is stored.
    const db = await getDb();
    const [row] = await db
      .select()
      .from(emailTokens)
      .where(eq(emailTokens.tokenHash, hashToken(token)));
    expect(row).toMatchObject({ purpose: "password_reset", userId: account.id });
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("treats the address case-insensitively and never builds the link from the request's Host", async () => {
    const account = await verifiedUser();
    const res = await invoke(resetRoute.POST, {
      method: "POST",
      path: "/auth/password-reset",
      headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
      body: { email: `  ${account.email.toUpperCase()} ` },
    });
    expect(res.status).toBe(202);
    const [mail] = await mailsTo(account.email);
    expect(mail?.text).not.toContain("evil.example");
    expect(mail?.text).toContain("http://localhost:3000/reset-password?token=");
  });

  it("refuses bad input with 400 VALIDATION_ERROR naming the field", async () => {
    for (const email of ["not-an-email", "", 42, "a".repeat(400)]) {
      const res = await requestReset(email);
      expect(res.status, String(email)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
      expect(res.body.error.details[0].field).toBe("email");
    }
    const empty = await invoke(resetRoute.POST, { method: "POST", path: "/auth/password-reset" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].field).toBe("email");
  });

  it(`allows ${EMAIL_LIMIT} requests an hour per address, from any client address, then 429 (unknown addresses alike)`, async () => {
    const account = await verifiedUser();
    for (const email of [account.email, fresh("ghost")]) {
      for (let i = 0; i < EMAIL_LIMIT; i++) expect((await requestReset(email)).status).toBe(202);
      const refused = await requestReset(email);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("RATE_LIMITED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect((await mailsTo(account.email)).length).toBe(EMAIL_LIMIT);
    // Another address is not affected, and the next hour has a budget again.
    expect((await requestReset(fresh("other"))).status).toBe(202);
    testClock.advance(60 * 60_000);
    expect((await requestReset(account.email)).status).toBe(202);
  });
});

describe("POST /auth/password-reset/confirm", () => {
  it("sets the password, ends every session and user token, and leaves API keys working", async () => {
    const user = await verifiedUser();
    const acme = await orgId("acme");
    const pair = await login(user.email);
    const cookie = await sessionCookie(user.id, acme);
    const { secret } = await createApiKey(await sessionContextOf(user.id, acme), {
      name: "ci",
      scopes: ["read:users"],
    });
    expect((await me(pair.access_token)).status).toBe(200);
    expect((await meWithSession(cookie)).status).toBe(200);

    const token = await resetToken(user.email);
    testClock.advance(1_000);
    const done = await confirmReset({ token, password: NEW_PASSWORD });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toEqual({
      email: user.email,
      email_verified: true,
      sessions_ended: true,
      memberships_removed: 0,
      api_keys_revoked: 0,
    });

    expect((await me(pair.access_token)).status).toBe(401);
    const refreshed = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: pair.refresh_token },
    });
    expect(refreshed.status).toBe(401);
    expect((await meWithSession(cookie)).status).toBe(401);
    const keyMe = await me(secret);
    expect(keyMe.status).toBe(200);
    expect(keyMe.body.data.organization.id).toBe(acme);

    expect((await signInToken(user.email, DEMO_PASSWORD)).status).toBe(401);
    const signedIn = await signInToken(user.email, NEW_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect((await meWithSession(await sessionCookie(user.id, acme))).status).toBe(200);

    // Audited in the account's organization; the confirmation mail says keys keep working.
    const db = await getDb();
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, user.id), eq(auditLogs.action, "user.password_reset")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organizationId: acme, actorUserId: user.id });
    const notice = (await mailsTo(user.email)).find((m) => m.subject.includes("was changed"));
    expect(notice?.text).toContain("API keys keep working");
    expect(notice?.html).toContain("API keys keep working");
    expect(notice?.raw).not.toContain(NEW_PASSWORD);
  });

  it("is single use: a spent link, and every other reset link of the account, is refused", async () => {
    const user = await verifiedUser();
    const first = await resetToken(user.email);
    const second = await resetToken(user.email);
    expect((await confirmReset({ token: first, password: NEW_PASSWORD })).status).toBe(200);
    for (const token of [first, second]) {
      const again = await confirmReset({ token, password: "another fine passphrase 77" });
      expect(again.status).toBe(400);
      expect(again.body.error.code).toBe("VALIDATION_ERROR");
      expect(again.body.error.details).toEqual([
        { field: "token", message: expect.stringContaining("not valid any more") },
      ]);
    }
    expect((await signInToken(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("expires 30 minutes after it was sent", async () => {
    const user = await verifiedUser();
    const almost = await resetToken(user.email);
    const late = await resetToken(user.email);
    testClock.advance(29 * 60_000);
    expect((await confirmReset({ token: almost, password: NEW_PASSWORD })).status).toBe(200);
    const other = await verifiedUser();
    const expiring = await resetToken(other.email);
    testClock.advance(30 * 60_000 + 1);
    const expired = await confirmReset({ token: expiring, password: NEW_PASSWORD });
    expect(expired.status).toBe(400);
    expect(expired.body.error.details[0].field).toBe("token");
    expect((await signInToken(other.email, DEMO_PASSWORD)).status).toBe(200);
    expect((await confirmReset({ token: late, password: NEW_PASSWORD })).status).toBe(400);
  });

  it("refuses a weak password and changes nothing; the link still works afterwards", async () => {
    const user = await verifiedUser();
    const pair = await login(user.email);
    const token = await resetToken(user.email);
    const db = await getDb();
    const [before] = await db.select().from(users).where(eq(users.id, user.id));
    for (const password of ["password1234", "short", user.email]) {
      const weak = await confirmReset({ token, password });
      expect(weak.status, password).toBe(400);
      expect(weak.body.error.code).toBe("VALIDATION_ERROR");
      expect(weak.body.error.details[0].field).toBe("password");
    }
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after).toEqual(before);
    expect((await me(pair.access_token)).status).toBe(200);
    expect((await confirmReset({ token, password: NEW_PASSWORD })).status).toBe(200);
  });

  it("checks sizes and the token's format before any lookup, hashing or password policy", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ token: "x".repeat(201), password: NEW_PASSWORD }, "token"],
      [{ token: "vlt_pr_short", password: NEW_PASSWORD }, "token"],
      // A real-looking token with a wrong checksum: refused without a database read.
      [{ token: `vlt_pr_${"A".repeat(46)}`, password: NEW_PASSWORD }, "token"],
      [{ token: `vlt_rt_${"A".repeat(46)}`, password: NEW_PASSWORD }, "token"],
      [{ token: "vlt_pr_x", password: "p".repeat(257) }, "password"],
      [{ password: NEW_PASSWORD }, "token"],
      [{ token: "vlt_pr_x" }, "password"],
    ];
    for (const [body, field] of cases) {
      const res = await confirmReset(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
      expect(res.body.error.details[0].field).toBe(field);
    }
  });
});

describe("email squatting (issue 17 item 4)", () => {
  it("the address's owner takes the account back with a reset; the squatter keeps nothing", async () => {
    const victim = "victim@example.test";
    // The squatter: an account of their own, an organization they create, an invitation to an
    // address they do not control, and its link, which POST /invitations shows them.
    const squatter = await verifiedUser();
    const squatterLogin = await login(squatter.email);
    const created = await invoke(organizationsRoute.POST, {
      method: "POST",
      path: "/organizations",
      token: squatterLogin.access_token,
      body: { name: "Squat Inc" },
    });
    expect(created.status).toBe(201);
    const squatOrg = created.body.data.id as string;
    const invited = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: squatterLogin.access_token,
      headers: { "x-organization-id": squatOrg },
      body: { email: victim, role: "admin" },
    });
    expect(invited.status).toBe(201);
    const squatPassword = "squatters paradise 2026";
    const accepted = await invoke(acceptRoute.POST, {
      method: "POST",
      path: "/invitations/accept",
      body: {
        token: String(invited.body.data.url).split("/invite/")[1],
        name: "Totally The Victim",
        password: squatPassword,
      },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const squat = accepted.body.data as { access_token: string; refresh_token: string };
    const squatMe = await me(squat.access_token);
    expect(squatMe.body.data).toMatchObject({ email: victim, email_verified: false });
    const victimId = squatMe.body.data.id as string;
    const key = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: squat.access_token,
      body: { name: "squatter's key", scopes: ["read:users"] },
    });
    expect(key.status).toBe(201);
    const keySecret = key.body.data.key as string;
    const squatCookie = await sessionCookie(victimId, squatOrg);
    // A pending invitation the squatter sent from the victim's account.
    const more = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: squat.access_token,
      body: { email: fresh("friend"), role: "member" },
    });
    expect(more.status).toBe(201);
    expect((await me(keySecret)).status).toBe(200);
    expect((await meWithSession(squatCookie)).status).toBe(200);

    // The real owner: "Forgot password?", the link from their mailbox, a password of their own.
    const token = await resetToken(victim);
    testClock.advance(1_000);
    const ownerPassword = "the real owner chose this one";
    const done = await confirmReset({ token, password: ownerPassword });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toMatchObject({
      email: victim,
      email_verified: true,
      memberships_removed: 1,
      api_keys_revoked: 1,
    });

    // The squatter's session, tokens and key are refused.
    expect((await me(squat.access_token)).status).toBe(401);
    expect((await me(keySecret)).status).toBe(401);
    expect((await meWithSession(squatCookie)).status).toBe(401);
    const refreshed = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: squat.refresh_token },
    });
    expect(refreshed.status).toBe(401);
    expect((await signInToken(victim, squatPassword)).status).toBe(401);
    // The membership is gone (the squatter's own view of Squat Inc), audited there with why.
    const members = await invoke(usersRoute.GET, {
      path: "/users",
      token: squatterLogin.access_token,
      headers: { "x-organization-id": squatOrg },
    });
    expect(members.status).toBe(200);
    expect(members.body.data.map((m: { email: string }) => m.email)).not.toContain(victim);
    const db = await getDb();
    const removed = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.organizationId, squatOrg), eq(auditLogs.action, "membership.removed")),
      );
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({
      targetId: victimId,
      metadata: { role: "admin", reason: "email_proven" },
    });
    const [pending] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.id, more.body.data.id));
    expect(pending?.revokedAt).not.toBeNull();

    // The real owner signs in with the new password, in an organization of their own, and has
    // nothing from before: no membership, no name the squatter chose.
    const owner = await signInToken(victim, ownerPassword);
    expect(owner.status, JSON.stringify(owner.body)).toBe(200);
    const ownerMe = await me(owner.body.data.access_token);
    expect(ownerMe.body.data).toMatchObject({
      id: victimId,
      email: victim,
      name: "victim",
      email_verified: true,
      role: "owner",
      organization: { name: "Personal" },
    });
    const orgs = await invoke(organizationsRoute.GET, {
      path: "/organizations",
      token: owner.body.data.access_token,
    });
    expect(orgs.body.data.map((o: { name: string }) => o.name)).toEqual(["Personal"]);
    const left = await db.select().from(memberships).where(eq(memberships.userId, victimId));
    expect(left.map((m) => m.organizationId)).not.toContain(squatOrg);
    expect(left).toHaveLength(1);
    expect(
      (await signInToken(victim, ownerPassword, squatOrg)).status,
      "the squat organization is closed to the owner",
    ).toBe(403);

    // The confirmation says what was removed; a later reset only ends sessions.
    const notice = (await mailsTo(victim)).find((m) => m.subject.includes("was changed"));
    expect(notice?.text).toContain("had not been confirmed before");
    const again = await resetToken(victim);
    const second = await confirmReset({ token: again, password: "and later another one 55" });
    expect(second.body.data).toMatchObject({ memberships_removed: 0, api_keys_revoked: 0 });
    expect(nowMs()).toBeGreaterThan(0);
  });
});
