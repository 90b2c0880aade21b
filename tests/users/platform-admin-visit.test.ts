import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as resendRoute from "@/app/api/v1/invitations/[id]/resend/route";
import * as invitationRoute from "@/app/api/v1/invitations/[id]/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { getDb } from "@/db";
import { auditLogs } from "@/db/schema";
import { sessionJwt } from "@/server/auth/session-callbacks";
import { DEMO, orgId, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

// A platform admin in an organization it does not belong to may read everything and revoke
// (keys, invitations); whatever changes who belongs needs real membership, through either door.

let globex: string;
let adminToken: string;
const asGlobex = () => ({ "x-organization-id": globex });

beforeAll(async () => {
  await getDb();
  globex = await orgId("globex");
  adminToken = (await login(DEMO.admin)).access_token;
});

describe("a platform admin visiting an organization", () => {
  it("cannot invite, change roles or remove members through the API", async () => {
    const member = await makeUser("globex", "member");
    const invite = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: adminToken,
      headers: asGlobex(),
      body: { email: "visitor-invite@example.test", role: "admin" },
    });
    expect(invite.status).toBe(403);
    expect(invite.body.error.message).toMatch(/visit is read and revoke only/);
    const role = await invoke(userRoute.PATCH, {
      method: "PATCH",
      path: `/users/${member.id}`,
      token: adminToken,
      headers: asGlobex(),
      params: { id: member.id },
      body: { role: "admin" },
    });
    expect(role.status).toBe(403);
    const removal = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${member.id}`,
      token: adminToken,
      headers: asGlobex(),
      params: { id: member.id },
    });
    expect(removal.status).toBe(403);
  });

  it("cannot send an invitation there again", async () => {
    const { access_token } = await login(DEMO.globexOwner);
    const created = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: access_token,
      body: { email: "visitor-resend@example.test", role: "member" },
    });
    const id = created.body.data.id as string;
    const resent = await invoke(resendRoute.POST, {
      method: "POST",
      path: `/invitations/${id}/resend`,
      token: adminToken,
      headers: asGlobex(),
      params: { id },
    });
    expect(resent.status).toBe(403);
    expect(resent.body.error.message).toMatch(/visit is read and revoke only/);
  });

  it("can still revoke an invitation there", async () => {
    const { access_token } = await login(DEMO.globexOwner);
    const created = await invoke(invitationsRoute.POST, {
      method: "POST",
      path: "/invitations",
      token: access_token,
      body: { email: "to-revoke@example.test", role: "member" },
    });
    const id = created.body.data.id as string;
    const revoked = await invoke(invitationRoute.DELETE, {
      method: "DELETE",
      path: `/invitations/${id}`,
      token: adminToken,
      headers: asGlobex(),
      params: { id },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.status).toBe("revoked");
  });

  it("is written to the organization's log however the session entered it", async () => {
    const adminId = await userId(DEMO.admin);
    const acme = await orgId("acme");
    const visits = async () =>
      (await getDb())
        .select()
        .from(auditLogs)
        .where(
          and(
            eq(auditLogs.organizationId, globex),
            eq(auditLogs.action, "organization.switched"),
            eq(auditLogs.actorUserId, adminId),
          ),
        );
    const before = (await visits()).length;
    // Auth.js's own session update (POST /api/auth/session) ends in the jwt callback, as the
    // dashboard's switcher does: the visit is audited there, whichever path asked for it.
    const token = await sessionJwt({
      token: { uid: adminId, orgId: acme, signedInAt: Date.now(), sid: "test-session" },
      trigger: "update",
      session: { organizationId: globex },
    });
    expect(token?.orgId).toBe(globex);
    const after = await visits();
    expect(after).toHaveLength(before + 1);
    expect(JSON.stringify(after.at(-1)?.metadata ?? {})).not.toContain(acme);
    // Moving back to an organization it belongs to is not a visit.
    await sessionJwt({
      token: { uid: adminId, orgId: globex, signedInAt: Date.now(), sid: "test-session" },
      trigger: "update",
      session: { organizationId: acme },
    });
    const acmeVisits = await (await getDb())
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.organizationId, acme), eq(auditLogs.action, "organization.switched")),
      );
    expect(acmeVisits).toHaveLength(0);
  });

  it("a member cannot enter another organization by a forged session update", async () => {
    const memberId = await userId(DEMO.acmeMember);
    const acme = await orgId("acme");
    const token = await sessionJwt({
      token: { uid: memberId, orgId: acme, signedInAt: Date.now(), sid: "member-session" },
      trigger: "update",
      session: { organizationId: globex },
    });
    expect(token?.orgId).toBe(acme);
  });
});
