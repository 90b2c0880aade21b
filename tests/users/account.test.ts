import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import { getDb } from "@/db";
import { DEMO_PASSWORD } from "@/db/seed";
import { changePasswordAction, renameAction } from "@/server/http/actions/account-actions";
import { changePassword, renameUser } from "@/server/users/update-account";
import { callAction } from "@/tests/helpers/actions";
import { createKey, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});

const actor = (userId: string) => ({ userId, credentialId: "session", ip: "127.0.0.1" });

describe("Settings > Account", () => {
  it("changing the password needs the current one, revokes user tokens, keeps API keys", async () => {
    const user = await makeUser("acme", "member");
    const old = await login(user.email);
    const { secret } = await createKey(user.email, "acme", ["read:time-entries"]);

    await expect(
      changePassword(user.id, "wrong password", "river candle mosaic 83", actor(user.id)),
    ).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    await expect(
      changePassword(user.id, DEMO_PASSWORD, "password1234", actor(user.id)),
    ).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    // Refused attempts changed nothing.
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: old.access_token })).status).toBe(
      200,
    );

    await changePassword(user.id, DEMO_PASSWORD, "river candle mosaic 83", actor(user.id));
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: old.access_token })).status).toBe(
      401,
    );
    const keyStill = await invoke(timeEntriesRoute.GET, { path: "/time-entries", token: secret });
    expect(keyStill.status).toBe(200);
    const oldPassword = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: user.email, password: DEMO_PASSWORD },
    });
    expect(oldPassword.status).toBe(401);
    const newPassword = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: user.email, password: "river candle mosaic 83" },
    });
    expect(newPassword.status).toBe(200);
  });

  it("renames the user", async () => {
    const user = await makeUser("acme", "member");
    await renameUser(user.id, "  Renamed Person ", actor(user.id));
    const { access_token } = await login(user.email);
    const me = await invoke(meRoute.GET, { path: "/auth/me", token: access_token });
    expect(me.body.data.name).toBe("Renamed Person");
    const session = { userId: user.id, organizationId: await orgId("acme") };
    for (const name of ["   ", "x".repeat(101)]) {
      const refused = await callAction(renameAction, { session, fields: { name } });
      expect(refused).toMatchObject({ ok: false, error: { code: "VALIDATION_ERROR" } });
    }
    const renamed = await callAction(renameAction, { session, fields: { name: " Via Form " } });
    expect(renamed.ok).toBe(true);
    const again = await invoke(meRoute.GET, { path: "/auth/me", token: access_token });
    expect(again.body.data.name).toBe("Via Form");
  });

  it("wrong current passwords spend the account's sign-in budget (10 per 15 minutes)", async () => {
    const user = await makeUser("acme", "member");
    const session = { userId: user.id, organizationId: await orgId("acme") };
    const change = (current: string) =>
      callAction(changePasswordAction, {
        session,
        fields: { current_password: current, new_password: "river candle mosaic 83" },
      });
    for (let i = 0; i < 10; i++) {
      expect(await change(`wrong guess ${i}`)).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_ERROR" },
      });
    }
    // The right password, after ten wrong ones: refused, and nothing changed.
    const locked = await change(DEMO_PASSWORD);
    expect(locked).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    if (!locked.ok) expect(locked.error.message).toMatch(/Try again in \d+ minutes?/);
    // The budget is the account's, shared with every sign-in path: POST /auth/token too.
    const token = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email: user.email, password: DEMO_PASSWORD },
    });
    expect(token.status).toBe(429);
  });
});
