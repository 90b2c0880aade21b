import { and, eq, inArray } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as confirmRoute from "@/app/api/v1/auth/verify-email/confirm/route";
import * as verifyRoute from "@/app/api/v1/auth/verify-email/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import { getDb } from "@/db";
import { auditLogs, memberships, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { testClock } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import { hashPassword } from "@/lib/password";
import { EMAIL_LIMIT } from "@/server/users/email-throttle";
import { invitationProvesAddress } from "@/server/users/verify-email";
import { DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { mailsTo, tokenIn } from "@/tests/helpers/mail";
import { login, makeUser } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});
afterEach(() => {
  testClock.reset();
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
  resetEnvForTests();
});

const askForLink = (token: string) =>
  invoke(verifyRoute.POST, { method: "POST", path: "/auth/verify-email", token });

const confirm = (body: Record<string, unknown>) =>
  invoke(confirmRoute.POST, { method: "POST", path: "/auth/verify-email/confirm", body });

const me = (token: string) => invoke(meRoute.GET, { path: "/auth/me", token });

async function verificationToken(email: string): Promise<string> {
  const mails = (await mailsTo(email)).filter((m) => m.subject.startsWith("Confirm"));
  const last = mails.at(-1);
  if (!last) throw new Error(`no verification mail to ${email}`);
  return tokenIn(last, "/verify-email");
}

describe("verifying an address", () => {
  it("mails a link to an unverified account; the link with the account's password verifies it", async () => {
    const user = await makeUser("acme");
    const { access_token } = await login(user.email);
    expect((await me(access_token)).body.data.email_verified).toBe(false);
    const key = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: access_token,
      body: { name: "mine", scopes: ["read:users"] },
    });
    expect(key.status).toBe(201);

    const sent = await askForLink(access_token);
    expect(sent.status).toBe(202);
    expect(sent.body.data).toEqual({ email: user.email, email_verified: false, sent: true });
    const [mail] = await mailsTo(user.email);
    expect(mail?.subject).toBe("Confirm your email address for Voltasis");
    expect(mail?.text).toContain("You receive this because a confirmation of");
    expect(mail?.html).toContain("/verify-email?token=vlt_ev_");
    const token = await verificationToken(user.email);

    // The link alone is not enough: whoever opens it must hold the account's password.
    const wrong = await confirm({ token, password: "not the password at all" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].field).toBe("password");
    expect((await me(access_token)).body.data.email_verified).toBe(false);

    const done = await confirm({ token, password: DEMO_PASSWORD });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toEqual({ email: user.email, email_verified: true });
    // Seen at once (the cached identity was evicted); the holder of both keeps everything.
    const after = await me(access_token);
    expect(after.status).toBe(200);
    expect(after.body.data.email_verified).toBe(true);
    expect((await me(key.body.data.key)).status).toBe(200);
    const db = await getDb();
    const joined = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(joined).toHaveLength(1);
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, user.id), eq(auditLogs.action, "user.email_verified")));
    expect(audit).toHaveLength(1);

    // Single use, and a verified account is sent nothing more.
    expect((await confirm({ token, password: DEMO_PASSWORD })).status).toBe(400);
    const again = await askForLink(access_token);
    expect(again.status).toBe(202);
    expect(again.body.data).toEqual({ email: user.email, email_verified: true, sent: false });
    expect((await mailsTo(user.email)).length).toBe(1);
  });

  it("a link is for its own account: another account's password does not open it", async () => {
    const owner = await makeUser("acme");
    const other = await makeUser("acme");
    await askForLink((await login(owner.email)).access_token);
    const token = await verificationToken(owner.email);
    // The owner's password changes; the other account still has the demo password, which
    // does not open the owner's link, and verifies neither account.
    const db = await getDb();
    const ownPassword = "the owner's own passphrase 8";
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(ownPassword) })
      .where(eq(users.id, owner.id));
    expect((await confirm({ token, password: DEMO_PASSWORD })).status).toBe(400);
    const rows = await db
      .select()
      .from(users)
      .where(inArray(users.id, [owner.id, other.id]));
    expect(rows.map((r) => r.emailVerifiedAt)).toEqual([null, null]);
    expect((await confirm({ token, password: ownPassword })).status).toBe(200);
  });

  it("expires after 24 hours", async () => {
    const user = await makeUser("acme");
    await askForLink((await login(user.email)).access_token);
    const token = await verificationToken(user.email);
    testClock.advance(24 * 60 * 60_000 + 1);
    const late = await confirm({ token, password: DEMO_PASSWORD });
    expect(late.status).toBe(400);
    expect(late.body.error.details[0].field).toBe("token");
  });

  it(`sends at most ${EMAIL_LIMIT} links an hour per account`, async () => {
    const user = await makeUser("acme");
    const { access_token } = await login(user.email);
    for (let i = 0; i < EMAIL_LIMIT; i++) expect((await askForLink(access_token)).status).toBe(202);
    const refused = await askForLink(access_token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });

  it("verified demo accounts say so in /auth/me", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    expect((await me(access_token)).body.data.email_verified).toBe(true);
  });
});

describe("accounts made by accepting an invitation", () => {
  async function acceptNew(email: string) {
    const owner = await login(DEMO.acmeOwner);
    const invited = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: owner.access_token,
      body: { email, role: "member" },
    });
    expect(invited.status).toBe(201);
    const accepted = await invoke(acceptRoute.POST, {
      method: "POST",
      path: "/invitations/accept",
      body: {
        token: String(invited.body.data.url).split("/invite/")[1],
        name: "New Person",
        password: "correct horse battery staple 42",
      },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    return (await me(accepted.body.data.access_token)).body.data;
  }

  it("are unverified without mail delivery: the link was shown to the inviter", async () => {
    expect(invitationProvesAddress()).toBe(false);
    const data = await acceptNew(`inv-${Date.now()}@example.test`);
    expect(data.email_verified).toBe(false);
  });
});
