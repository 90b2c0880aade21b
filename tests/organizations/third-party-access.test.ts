import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as organizationRoute from "@/app/api/v1/organizations/[id]/route";
import * as organizationsRoute from "@/app/api/v1/organizations/route";
import { getDb } from "@/db";
import { auditLogs, memberships } from "@/db/schema";
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
    expect(audit?.metadata).toEqual({ from: "any", to: "own_apps" });
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
