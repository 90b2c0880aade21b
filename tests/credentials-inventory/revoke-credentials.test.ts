import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import * as revokeRoute from "@/app/api/v1/credentials/revoke/route";
import * as credentialsRoute from "@/app/api/v1/credentials/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { auditLogs, oauthGrants } from "@/db/schema";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";
import { ageKey, cookieOf, memberWithEverything } from "./credentials-world";

// POST /credentials/revoke: one selector, one transaction, each revocation as its single one.

let ownerToken: string;
beforeAll(async () => {
  await getDb();
  ownerToken = (await login(DEMO.acmeOwner)).access_token;
});

function revoke(body: unknown, token = ownerToken, headers?: Record<string, string>) {
  return invoke(revokeRoute.POST, {
    method: "POST",
    path: "/credentials/revoke",
    token,
    body,
    headers,
  });
}

const NONE = { api_key: 0, session: 0, user_token: 0, oauth_grant: 0 };
const ONE_EACH = { api_key: 1, session: 1, user_token: 1, oauth_grant: 1 };

async function auditActions(organizationId: string, targetIds: string[]) {
  const db = await getDb();
  const rows = await db
    .select({ action: auditLogs.action, targetId: auditLogs.targetId })
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, organizationId));
  return rows.filter((r) => targetIds.includes(r.targetId ?? "")).map((r) => r.action);
}

describe("POST /credentials/revoke", () => {
  it("a dry run counts a member's credentials and changes nothing", async () => {
    const m = await memberWithEverything();
    const res = await revoke({ member_id: m.user.id, dry_run: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual({ would_revoke: 4, by_type: ONE_EACH });
    const still = await invoke(usersRoute.GET, { path: "/users", token: m.secret });
    expect(still.status).toBe(200);
    const again = await revoke({ member_id: m.user.id, dry_run: true });
    expect(again.body.data.would_revoke).toBe(4);
  });

  it("revokes everything of a member: key, user tokens, grant and session stop at once, each audited", async () => {
    const m = await memberWithEverything();
    const res = await revoke({ member_id: m.user.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual({ revoked: 4, by_type: ONE_EACH });

    const key = await invoke(usersRoute.GET, { path: "/users", token: m.secret });
    expect(key.status).toBe(401);
    expect(key.body.error.details.reason).toBe("revoked");
    const token = await invoke(meRoute.GET, { path: "/auth/me", token: m.tokens.access_token });
    expect(token.status).toBe(401);
    const refresh = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: m.tokens.refresh_token },
    });
    expect(refresh.status).toBe(401);
    const session = await invoke(meRoute.GET, {
      path: "/auth/me",
      headers: await cookieOf(m.session),
    });
    expect(session.status).toBe(401);
    const [grant] = await (await getDb())
      .select({ revokedAt: oauthGrants.revokedAt })
      .from(oauthGrants)
      .where(eq(oauthGrants.id, m.grant.id));
    expect(grant?.revokedAt).not.toBeNull();

    const acme = await orgId("acme");
    const actions = await auditActions(acme, [m.key.id, m.grant.id, m.user.id, acme]);
    expect(actions).toEqual(
      expect.arrayContaining([
        "api_key.revoked",
        "oauth_grant.revoked",
        "user.session_revoked",
        "credentials.bulk_revoked",
      ]),
    );
    const db = await getDb();
    const [summary] = await db
      .select({ metadata: auditLogs.metadata })
      .from(auditLogs)
      .where(
        and(eq(auditLogs.action, "credentials.bulk_revoked"), eq(auditLogs.organizationId, acme)),
      )
      .orderBy(auditLogs.createdAt);
    expect(summary).toBeDefined();
    const families = await db
      .select({ id: auditLogs.id })
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "token_family.revoked"), eq(auditLogs.organizationId, acme)));
    expect(families.length).toBeGreaterThan(0);

    // Nothing of theirs is listed any more, and a second request revokes nothing.
    const left = await invoke(credentialsRoute.GET, {
      path: `/credentials?member=${m.user.id}`,
      token: ownerToken,
    });
    expect(left.body.data).toEqual([]);
    expect((await revoke({ member_id: m.user.id })).body.data).toEqual({
      revoked: 0,
      by_type: NONE,
    });
  });

  it("revokes the API keys unused for N days, never-used ones counted from creation", async () => {
    const stale = await memberWithEverything();
    const neverUsed = await memberWithEverything();
    const fresh = await memberWithEverything();
    await ageKey(stale.key.id, 400, 200);
    await ageKey(neverUsed.key.id, 100, null);
    await ageKey(fresh.key.id, 400, 10);
    const dry = await revoke({ unused_days: 90, dry_run: true });
    expect(dry.status).toBe(200);
    expect(dry.body.data.by_type).toMatchObject({ session: 0, user_token: 0, oauth_grant: 0 });
    expect(dry.body.data.would_revoke).toBe(dry.body.data.by_type.api_key);
    const res = await revoke({ unused_days: 90 });
    expect(res.body.data.revoked).toBeGreaterThanOrEqual(2);
    expect((await invoke(usersRoute.GET, { path: "/users", token: stale.secret })).status).toBe(
      401,
    );
    expect((await invoke(usersRoute.GET, { path: "/users", token: neverUsed.secret })).status).toBe(
      401,
    );
    expect((await invoke(usersRoute.GET, { path: "/users", token: fresh.secret })).status).toBe(
      200,
    );
    // Sessions and tokens are not touched by this selector.
    const me = await invoke(meRoute.GET, { path: "/auth/me", token: stale.tokens.access_token });
    expect(me.status).toBe(200);
  });

  it("revokes the selected ids of any kind, and only those", async () => {
    const m = await memberWithEverything();
    const ids = [m.key.id, m.grant.id, `ses_${m.session.sid}`];
    const res = await revoke({ ids });
    expect(res.body.data).toEqual({
      revoked: 3,
      by_type: { api_key: 1, session: 1, user_token: 0, oauth_grant: 1 },
    });
    const token = await invoke(meRoute.GET, { path: "/auth/me", token: m.tokens.access_token });
    expect(token.status).toBe(200);
    // Again: already revoked ones are not counted, and it is no error.
    expect((await revoke({ ids })).body.data.revoked).toBe(0);
  });

  it("another organization's id is a 403 and an unknown one a 404, and nothing is revoked", async () => {
    const mine = await memberWithEverything();
    const theirs = await memberWithEverything("globex");
    const foreign = await revoke({ ids: [mine.key.id, theirs.key.id] });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.details.reason).toBe("organization_not_allowed");
    expect(JSON.stringify(foreign.body)).not.toContain(theirs.key.name);
    const foreignSession = await revoke({ ids: [`ses_${theirs.session.sid}`] });
    expect(foreignSession.status).toBe(403);
    const unknown = await revoke({ ids: [mine.key.id, "key_0000000000000000000000"] });
    expect(unknown.status).toBe(404);
    expect((await invoke(usersRoute.GET, { path: "/users", token: mine.secret })).status).toBe(200);
    expect((await invoke(usersRoute.GET, { path: "/users", token: theirs.secret })).status).toBe(
      200,
    );
    const otherMember = await revoke({ member_id: theirs.user.id, dry_run: true });
    expect(otherMember.status).toBe(403);
    expect(otherMember.body.error.details.reason).toBe("organization_not_allowed");
    const nobody = await revoke({ member_id: "usr_000000000000000000000" });
    expect(nobody.status).toBe(404);
  });

  it("Globex's owner cannot revoke in Acme", async () => {
    const globex = await login(DEMO.globexOwner);
    const res = await revoke({ unused_days: 1 }, globex.access_token, {
      "x-organization-id": await orgId("acme"),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe("organization_not_allowed");
  });

  it("members are refused, and nothing is revoked", async () => {
    const m = await memberWithEverything();
    const member = await login(DEMO.acmeMember);
    const res = await revoke({ member_id: m.user.id }, member.access_token);
    expect(res.status).toBe(403);
    expect((await invoke(usersRoute.GET, { path: "/users", token: m.secret })).status).toBe(200);
  });

  it("an API key cannot end browser sessions, nor grants without write:oauth-apps", async () => {
    const m = await memberWithEverything();
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["write:api-keys"]);
    const session = await revoke({ ids: [`ses_${m.session.sid}`] }, secret);
    expect(session.status).toBe(403);
    const grant = await revoke({ ids: [m.grant.id] }, secret);
    expect(grant.status).toBe(403);
    const all = await revoke({ member_id: m.user.id }, secret);
    expect(all.body.data).toEqual({
      revoked: 2,
      by_type: { api_key: 1, session: 0, user_token: 1, oauth_grant: 0 },
    });
  });

  it.each([
    [{}, "member_id"],
    [{ member_id: "usr_00000000", unused_days: 90 }, "unused_days"],
    [{ unused_days: 0 }, "unused_days"],
    [{ unused_days: 3651 }, "unused_days"],
    [{ unused_days: "90" }, "unused_days"],
    [{ ids: [] }, "ids"],
    [{ ids: Array.from({ length: 101 }, (_, i) => `key_${String(i).padStart(20, "0")}`) }, "ids"],
    [{ ids: ["sk_live_123"] }, "ids"],
    [{ member_id: "bob" }, "member_id"],
    [{ unused_days: 90, dry_run: "yes" }, "dry_run"],
    [{ unused_days: 90, extra: 1 }, "extra"],
  ])("%j is a 400 naming %s", async (body, field) => {
    const res = await revoke(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });

  it("two bulk revocations at once: each credential is revoked and counted once, neither fails", async () => {
    const a = await memberWithEverything();
    const b = await memberWithEverything();
    const ids = [a.key.id, b.key.id, a.grant.id, b.grant.id];
    const [first, second] = await Promise.all([revoke({ ids }), revoke({ ids })]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.data.revoked + second.body.data.revoked).toBe(4);
    const other = await makeUser("acme");
    const [x, y] = await Promise.all([
      revoke({ member_id: a.user.id }),
      revoke({ member_id: a.user.id }),
      revoke({ member_id: other.id }),
    ]);
    // What was left of a (its user tokens and session), once.
    expect((x?.body.data.revoked ?? 0) + (y?.body.data.revoked ?? 0)).toBe(2);
  });
});
