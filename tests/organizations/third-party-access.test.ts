import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as organizationRoute from "@/app/api/v1/organizations/[id]/route";
import * as organizationsRoute from "@/app/api/v1/organizations/route";
import { getDb } from "@/db";
import { auditLogs, memberships, oauthApps, oauthGrants } from "@/db/schema";
import { newId } from "@/lib/ids";
import { createApp, DEMO, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

/** A new organization, its owner's token and an admin's. */
async function organization() {
  const owner = await makeUser("acme", "owner");
  const ownerToken = (await login(owner.email)).access_token;
  const made = await invoke(organizationsRoute.POST, {
    method: "POST",
    path: "/organizations",
    token: ownerToken,
    body: { name: "Policy Co" },
  });
  const id = made.body.data.id as string;
  const admin = await makeUser("acme");
  await (await getDb())
    .insert(memberships)
    .values({ userId: admin.id, organizationId: id, role: "admin" });
  return {
    id,
    owner: (await login(owner.email, id)).access_token,
    admin: (await login(admin.email, id)).access_token,
  };
}

function patch(id: string, token: string, body: unknown) {
  return invoke(organizationRoute.PATCH, {
    method: "PATCH",
    path: `/organizations/${id}`,
    token,
    params: { id },
    body,
  });
}

describe("an organization's third-party access policy", () => {
  it("starts at any app; its owner narrows it to its own apps, audited, and lists show it", async () => {
    const org = await organization();
    const set = await patch(org.id, org.owner, { third_party_access: "own_apps" });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({
      id: org.id,
      name: "Policy Co",
      third_party_access: "own_apps",
    });
    const list = await invoke(organizationsRoute.GET, { path: "/organizations", token: org.owner });
    const listed = list.body.data.find((o: { id: string }) => o.id === org.id);
    expect(listed.third_party_access).toBe("own_apps");
    const [audit] = await (await getDb())
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.organizationId, org.id),
          eq(auditLogs.action, "organization.third_party_access_changed"),
        ),
      );
    expect(audit?.metadata).toEqual({ from: "any", to: "own_apps", grants_revoked: 0 });
  });

  it("is the owners' call: an admin may rename, not change the policy", async () => {
    const org = await organization();
    const refused = await patch(org.id, org.admin, { third_party_access: "own_apps" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("Only owners");
    expect((await patch(org.id, org.admin, { name: "Renamed Co" })).status).toBe(200);
  });

  it("refuses an unknown policy and an empty change with 400", async () => {
    const org = await organization();
    const bad = await patch(org.id, org.owner, { third_party_access: "none" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain("third_party_access");
    expect((await patch(org.id, org.owner, {})).status).toBe(400);
  });
});

describe("narrowing to the organization's own apps", () => {
  it("revokes the grants to other organizations' and dynamic apps at once, keeps its own", async () => {
    const org = await organization();
    const db = await getDb();
    const user = await userId(DEMO.acmeOwner);
    const foreign = await createApp("globex");
    const dynamic = newId("app");
    await db.insert(oauthApps).values({
      id: dynamic,
      name: "Some MCP client",
      redirectUris: ["http://127.0.0.1/cb"],
      clientType: "public",
      registration: "dynamic",
    });
    const own = newId("app");
    await db.insert(oauthApps).values({
      id: own,
      organizationId: org.id,
      name: "Our own",
      redirectUris: ["https://own.example.test/cb"],
      clientType: "public",
      registration: "dashboard",
    });
    const grant = (appId: string) => ({
      id: newId("grant"),
      appId,
      userId: user,
      organizationId: org.id,
      scopes: ["read:users" as const],
    });
    const [g1, g2, g3] = [grant(foreign.id), grant(dynamic), grant(own)];
    await db.insert(oauthGrants).values([g1, g2, g3]);

    const set = await patch(org.id, org.owner, { third_party_access: "own_apps" });
    expect(set.status).toBe(200);
    const rows = await db.select().from(oauthGrants).where(eq(oauthGrants.organizationId, org.id));
    const revoked = Object.fromEntries(rows.map((r) => [r.id, r.revokedAt !== null]));
    expect(revoked).toEqual({ [g1.id]: true, [g2.id]: true, [g3.id]: false });
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.organizationId, org.id),
          eq(auditLogs.action, "organization.third_party_access_changed"),
        ),
      );
    expect(audit?.metadata).toEqual({ from: "any", to: "own_apps", grants_revoked: 2 });
  });
});
