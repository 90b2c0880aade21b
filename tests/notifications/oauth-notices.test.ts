import { describe, expect, it } from "vitest";
import { nowMs } from "@/lib/clock";
import { markGrantRevoked } from "@/server/oauth/provider";
import { revokeOAuthGrant } from "@/server/oauth-grants/revoke-oauth-grant";
import { sessionContextOf } from "@/tests/helpers/fixtures";
import { mailsTo } from "@/tests/helpers/mail";
import { acme, codeFlowTokens, createTestApp, setUpOAuthWorld, world } from "@/tests/helpers/oauth";
import { makeUser } from "@/tests/helpers/tokens";
import { eventsOf, queuedMail, subscribeEndpoint } from "@/tests/helpers/webhook-events";

// A third-party app authorized on an account: oauth_grant.created, and a mail to the user. Its
// grant ending: oauth_grant.revoked (why, and who), and a mail when a reused token ended it.
setUpOAuthWorld();

async function authorizedApp(name: string) {
  const endpoint = await subscribeEndpoint(acme);
  const user = await makeUser("acme", "admin");
  const app = await createTestApp({ organizationId: acme, type: "confidential", name });
  const tokens = await codeFlowTokens(world, app, { userId: user.id, organizationId: acme });
  const me = await fetch(`${world.origin}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  const grantId = ((await me.json()) as { data: { token: { id: string } } }).data.token.id;
  return { endpoint, user, app, tokens, grantId, me };
}

describe("third-party app notices", () => {
  it("authorizing an app publishes oauth_grant.created and mails the user", async () => {
    const { endpoint, user, app, tokens, grantId } = await authorizedApp("Notice Reader");
    const [created] = (await eventsOf(endpoint, "oauth_grant.created")).filter(
      (e) => e.data.id === grantId,
    );
    expect(created?.data).toMatchObject({
      app_id: app.id,
      app_name: "Notice Reader",
      user_id: user.id,
      actor: user.id,
    });
    expect(created?.data.scopes.length).toBeGreaterThan(0);
    expect(created?.raw).not.toContain(tokens.access_token);
    expect(created?.raw).not.toContain(app.secret as string);

    expect(await queuedMail("app_authorized", user.email)).toHaveLength(1);
    const [mail] = (await mailsTo(user.email)).filter((m) => m.text.includes("Notice Reader"));
    expect(mail?.text).toMatch(/may now act for your Voltasis account/);
    expect(mail?.text).toContain("/settings/connected-apps");
    expect(mail?.raw).not.toContain(tokens.access_token);
  });

  it("an OAuth access token's answers say when it expires (an hour)", async () => {
    const { me } = await authorizedApp("Expiry Reader");
    const header = me.headers.get("voltasis-authentication-token-expiration");
    expect(header).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const left = Date.parse(header as string) - nowMs();
    expect(left).toBeGreaterThan(55 * 60_000);
    expect(left).toBeLessThanOrEqual(60 * 60_000);
  });

  it("a reused refresh token ends the grant: oauth_grant.revoked and a mail to the user", async () => {
    const { endpoint, user, app, grantId } = await authorizedApp("Reused Reader");
    await markGrantRevoked(grantId, true, "203.0.113.4");
    await markGrantRevoked(grantId, true, "203.0.113.4");
    const revoked = (await eventsOf(endpoint, "oauth_grant.revoked")).filter(
      (e) => e.data.id === grantId,
    );
    expect(revoked).toHaveLength(1);
    expect(revoked[0]?.data).toMatchObject({
      app_id: app.id,
      app_name: "Reused Reader",
      user_id: user.id,
      reason: "reuse_detected",
      actor: null,
    });
    expect(await queuedMail("refresh_token_reused", user.email)).toHaveLength(1);
    const [mail] = (await mailsTo(user.email)).filter((m) => m.text.includes("presented again"));
    expect(mail?.text).toContain('the access of the app "Reused Reader"');
  });

  it("a user revoking their grant publishes oauth_grant.revoked with them as the actor", async () => {
    const { endpoint, user, grantId } = await authorizedApp("Revoked Reader");
    await revokeOAuthGrant(await sessionContextOf(user.id, acme), grantId);
    const [revoked] = (await eventsOf(endpoint, "oauth_grant.revoked")).filter(
      (e) => e.data.id === grantId,
    );
    expect(revoked?.data).toMatchObject({ reason: "user", actor: user.id, user_id: user.id });
    expect(await queuedMail("refresh_token_reused", user.email)).toEqual([]);
  });
});
