import { beforeAll, describe, expect, it } from "vitest";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import { getDb } from "@/db";
import { DEMO_PASSWORD } from "@/db/seed";
import { changePassword } from "@/server/users/update-account";
import { orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { mailsTo } from "@/tests/helpers/mail";
import { login, makeUser } from "@/tests/helpers/tokens";
import { queuedMail } from "@/tests/helpers/webhook-events";

// The account's owner hears of what happens to its credentials: a refresh token used twice (its
// family revoked), and a password changed in Settings (a reset link's change is covered in
// tests/users/password-reset.test.ts).
beforeAll(async () => {
  await getDb();
});

const refresh = (refreshToken: string) =>
  invoke(refreshRoute.POST, {
    method: "POST",
    path: "/auth/refresh",
    body: { refresh_token: refreshToken },
  });

describe("account notices by mail", () => {
  it("a reused refresh token revokes its family and tells the user, once", async () => {
    const user = await makeUser("acme", "member");
    const pair = await login(user.email, await orgId("acme"));
    expect((await refresh(pair.refresh_token)).status).toBe(200);
    expect(await queuedMail("refresh_token_reused", user.email)).toEqual([]);

    expect((await refresh(pair.refresh_token)).status).toBe(401);
    // The family is gone: presenting it again revokes nothing more and mails nothing more.
    expect((await refresh(pair.refresh_token)).status).toBe(401);
    expect(await queuedMail("refresh_token_reused", user.email)).toHaveLength(1);

    const [mail] = (await mailsTo(user.email)).filter((m) => m.text.includes("presented again"));
    expect(mail?.text).toMatch(/revoked a set of sign-in tokens/);
    expect(mail?.text).toContain("/forgot-password");
    expect(mail?.text).toMatch(/You receive this because/);
    expect(mail?.raw).not.toContain(pair.refresh_token);
    expect(mail?.raw).not.toContain(pair.access_token);
  });

  it("a password changed in Settings is mailed to the account's address, without the password", async () => {
    const user = await makeUser("acme", "member");
    const next = "river candle mosaic 83";
    await changePassword(user.id, DEMO_PASSWORD, next, {
      userId: user.id,
      credentialId: "session",
      ip: "127.0.0.1",
    });
    expect(await queuedMail("password_changed", user.email)).toHaveLength(1);
    const [mail] = (await mailsTo(user.email)).filter((m) => m.text.includes("was just changed"));
    expect(mail?.text).toContain("Settings > Account");
    expect(mail?.text).toContain("/forgot-password");
    expect(mail?.raw).not.toContain(next);
    expect(mail?.raw).not.toContain(DEMO_PASSWORD);
  });

  it("a wrong current password changes nothing and mails nothing", async () => {
    const user = await makeUser("acme", "member");
    await expect(
      changePassword(user.id, "not the password", "river candle mosaic 83", {
        userId: user.id,
        credentialId: "session",
        ip: "127.0.0.1",
      }),
    ).rejects.toThrow();
    expect(await queuedMail("password_changed", user.email)).toEqual([]);
  });
});
