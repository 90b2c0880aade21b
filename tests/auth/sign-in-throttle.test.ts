import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import { getDb } from "@/db";
import { DEMO_PASSWORD } from "@/db/seed";
import { nowMs, testClock } from "@/lib/clock";
import { AccountLocked, authorizeCredentials } from "@/server/auth/credentials";
import { SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS } from "@/server/auth/sign-in-throttle";
import { DEMO } from "@/tests/helpers/fixtures";
import { invoke, nextIp } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

// Per-account sign-in throttle: 10 attempts per account per 15 minutes, from any address, shared
// by POST /auth/token and the login form (Auth.js's Credentials authorize). Every attempt below
// comes from an address of its own, so only the account's budget can be what answers 429.

beforeAll(async () => {
  await getDb();
});
// Windows are fixed (15 minutes on our clock): start each test at the beginning of one.
beforeEach(() => {
  testClock.reset();
  testClock.advance(SIGN_IN_WINDOW_MS - (nowMs() % SIGN_IN_WINDOW_MS) + 10);
});
afterEach(() => testClock.reset());

const token = (email: string, password: string) =>
  invoke(tokenRoute.POST, { method: "POST", path: "/auth/token", body: { email, password } });

const viaForm = (email: string, password: string) =>
  authorizeCredentials(
    { email, password },
    new Request("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { "x-voltasis-client-ip": nextIp() },
    }),
  );

async function failTimes(email: string, n: number) {
  for (let i = 0; i < n; i++) expect((await token(email, "wrong-password")).status).toBe(401);
}

describe("per-account sign-in throttle", () => {
  it("after 10 failures answers 429 with Retry-After from any address; others unaffected", async () => {
    const victim = await makeUser("acme");
    const bystander = await makeUser("acme");
    await failTimes(victim.email, SIGN_IN_LIMIT);

    // Even the right password, from yet another address.
    const locked = await token(victim.email, DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ error: { code: "RATE_LIMITED", message: expect.any(String) } });
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The address itself still has budget left: it is the account that is limited.
    expect(Number(locked.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);

    expect((await token(bystander.email, DEMO_PASSWORD)).status).toBe(200);

    // Until the window passes.
    testClock.advance(retryAfter * 1000 - 2_000);
    expect((await token(victim.email, DEMO_PASSWORD)).status).toBe(429);
    testClock.advance(3_000);
    expect((await token(victim.email, DEMO_PASSWORD)).status).toBe(200);
  });

  it("a successful sign-in resets the count", async () => {
    const user = await makeUser("acme");
    await failTimes(user.email, SIGN_IN_LIMIT - 1);
    expect((await token(user.email, DEMO_PASSWORD)).status).toBe(200);
    await failTimes(user.email, SIGN_IN_LIMIT);
    expect((await token(user.email, DEMO_PASSWORD)).status).toBe(429);
  });

  it("counts by normalized email, and unknown emails the same way as accounts", async () => {
    const user = await makeUser("acme");
    await failTimes(user.email.toUpperCase(), SIGN_IN_LIMIT);
    expect((await token(user.email, DEMO_PASSWORD)).status).toBe(429);

    // An unknown email locks exactly like a real one, so the lock reveals no account.
    const unknown = `nobody-${Date.now()}@example.test`;
    await failTimes(unknown, SIGN_IN_LIMIT);
    const res = await token(unknown, "wrong-password");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).not.toBeNull();
  });

  it("the login form and the API share one budget per account", async () => {
    const formFirst = await makeUser("acme");
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      await expect(viaForm(formFirst.email, "wrong-password")).rejects.toMatchObject({
        code: "invalid_credentials",
      });
    }
    expect((await token(formFirst.email, DEMO_PASSWORD)).status).toBe(429);

    const apiFirst = await makeUser("acme");
    await failTimes(apiFirst.email, SIGN_IN_LIMIT);
    const refused = await viaForm(apiFirst.email, DEMO_PASSWORD).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AccountLocked);
    expect((refused as AccountLocked).retryAfterSeconds).toBeGreaterThan(0);

    // The form's success resets the count as well.
    const other = await makeUser("acme");
    await failTimes(other.email, SIGN_IN_LIMIT - 1);
    await expect(viaForm(other.email, DEMO_PASSWORD)).resolves.toMatchObject({ id: other.id });
    await failTimes(other.email, SIGN_IN_LIMIT);
  });

  it("an invitation's password check spends the same budget: no way around the lock", async () => {
    const victim = await makeUser("acme");
    const { access_token } = await login(DEMO.globexOwner);
    const invited = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: access_token,
      body: { email: victim.email, role: "member" },
    });
    const inviteToken = String(invited.body.data.url).split("/invite/")[1];
    const acceptWith = (password: string) =>
      invoke(acceptRoute.POST, {
        method: "POST",
        path: "/invitations/accept",
        body: { token: inviteToken, password },
      });

    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      expect((await acceptWith("wrong password 123456")).status).toBe(401);
    }
    // Ten guesses through the invitation lock the account for sign-in too...
    expect((await token(victim.email, DEMO_PASSWORD)).status).toBe(429);
    // ...and the invitation itself, even with the right password, until the window passes.
    const locked = await acceptWith(DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    testClock.advance(SIGN_IN_WINDOW_MS);
    expect((await acceptWith(DEMO_PASSWORD)).status).toBe(200);
  });
});
