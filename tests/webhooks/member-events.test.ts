import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { DEMO_PASSWORD } from "@/db/seed";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { createInvitation } from "@/server/invitations/create-invitation";
import { changeRole } from "@/server/users/change-role";
import { removeMembership } from "@/server/users/remove-membership";
import { createGrant, DEMO, orgId, sessionContext, userId } from "@/tests/helpers/fixtures";
import { makeUser } from "@/tests/helpers/tokens";
import { eventsOf, subscribeEndpoint } from "@/tests/helpers/webhook-events";

// invitation.created, member.added, member.role_changed and member.removed, each in the change's
// transaction, naming the person, the roles and the actor; never the invitation's link.
let endpoint: string;
let owner: string;

beforeAll(async () => {
  await getDb();
  endpoint = await subscribeEndpoint(await orgId("acme"));
  owner = await userId(DEMO.acmeOwner);
});

describe("member and invitation webhook events", () => {
  it("an invitation announces who was invited, by whom, never its link; joining announces the member", async () => {
    const email = `joiner-${Date.now()}@example.test`;
    const ctx = await sessionContext(DEMO.acmeOwner, "acme");
    const { invitation, url } = await createInvitation(ctx, { email, role: "admin" });
    const token = url.split("/").pop() as string;
    expect(token.length).toBeGreaterThan(20);

    const [invited] = (await eventsOf(endpoint, "invitation.created")).filter(
      (e) => e.data.id === invitation.id,
    );
    expect(invited?.data).toMatchObject({
      id: invitation.id,
      email,
      role: "admin",
      invited_by: owner,
      actor: owner,
    });
    expect(invited?.raw).not.toContain(token);
    expect(invited?.raw).not.toContain("/invite/");

    const { pair } = await acceptInvitation(
      { token, name: "Joiner", password: DEMO_PASSWORD },
      "203.0.113.9",
    );
    const [added] = (await eventsOf(endpoint, "member.added")).filter(
      (e) => e.data.email === email,
    );
    expect(added?.data).toMatchObject({
      name: "Joiner",
      email,
      role: "admin",
      invitation_id: invitation.id,
      invited_by: owner,
      new_account: true,
    });
    expect(added?.data.user_id).toMatch(/^usr_/);
    expect(added?.raw).not.toContain(token);
    expect(added?.raw).not.toContain(pair.access_token);
    expect(added?.raw).not.toContain(pair.refresh_token);
  });

  it("a role change names the old and the new role", async () => {
    const member = await makeUser("acme", "member");
    const ctx = await sessionContext(DEMO.acmeOwner, "acme");
    await changeRole(ctx, { userId: member.id, role: "admin" });
    // The same role again is no change and no event.
    await changeRole(ctx, { userId: member.id, role: "admin" });
    const events = (await eventsOf(endpoint, "member.role_changed")).filter(
      (e) => e.data.user_id === member.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      user_id: member.id,
      email: member.email,
      old_role: "member",
      new_role: "admin",
      actor: owner,
    });
  });

  it("a removal announces the member, and the end of the grants they gave apps here", async () => {
    const member = await makeUser("acme", "member");
    const grant = await createGrant(member.id, "acme");
    await removeMembership(await sessionContext(DEMO.acmeOwner, "acme"), { userId: member.id });
    const [removed] = (await eventsOf(endpoint, "member.removed")).filter(
      (e) => e.data.user_id === member.id,
    );
    expect(removed?.data).toMatchObject({ email: member.email, role: "member", actor: owner });
    const [revoked] = (await eventsOf(endpoint, "oauth_grant.revoked")).filter(
      (e) => e.data.id === grant.id,
    );
    expect(revoked?.data).toMatchObject({
      app_id: grant.app.id,
      app_name: grant.app.name,
      user_id: member.id,
      reason: "member_removed",
      actor: owner,
    });
  });
});
