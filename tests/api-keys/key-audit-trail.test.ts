import { describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/v1/api-keys/[id]/audit-log/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

/** A member's key, created by the member and then renamed by an admin of the organization. */
async function memberKeyTouchedByAdmin() {
  const member = await makeUser("acme", "member");
  const admin = await makeUser("acme", "admin");
  const memberToken = (await login(member.email)).access_token;
  const adminToken = (await login(admin.email)).access_token;

  const created = await invoke(keysRoute.POST, {
    method: "POST",
    path: "/api-keys",
    token: memberToken,
    ip: "203.0.113.10",
    body: { name: "member's key", scopes: ["read:users"] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const keyId: string = created.body.data.id;

  const renamed = await invoke(keyRoute.PATCH, {
    method: "PATCH",
    path: `/api-keys/${keyId}`,
    token: adminToken,
    ip: "203.0.113.99",
    params: { id: keyId },
    body: { name: "renamed by an admin" },
  });
  expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);

  return { member, admin, memberToken, adminToken, keyId };
}

async function trail(token: string, keyId: string) {
  const res = await invoke(auditRoute.GET, {
    path: `/api-keys/${keyId}/audit-log`,
    token,
    params: { id: keyId },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as {
    action: string;
    actor: { id: string; name: string | null; email: string | null } | null;
    credential: string | null;
    ip: string | null;
  }[];
}

describe("GET /api-keys/{id}/audit-log: what a member may see of others", () => {
  it("shows a member the admin's name, but not the admin's IP, credential or email", async () => {
    const { admin, memberToken, keyId } = await memberKeyTouchedByAdmin();
    const entries = await trail(memberToken, keyId);

    const byAdmin = entries.find((e) => e.action === "api_key.updated");
    expect(byAdmin?.actor?.id).toBe(admin.id);
    expect(byAdmin?.actor?.name).toMatch(/^Test /);
    expect(byAdmin?.actor?.email).toBeNull();
    expect(byAdmin?.ip).toBeNull();
    expect(byAdmin?.credential).toBeNull();
    expect(JSON.stringify(entries)).not.toContain("203.0.113.99");
    expect(JSON.stringify(entries)).not.toContain(admin.email);
  });

  it("still shows a member the IP and credential of their own actions", async () => {
    const { member, memberToken, keyId } = await memberKeyTouchedByAdmin();
    const entries = await trail(memberToken, keyId);

    const own = entries.find((e) => e.action === "api_key.created");
    expect(own?.actor?.id).toBe(member.id);
    expect(own?.ip).toBe("203.0.113.10");
    expect(own?.credential).toMatch(/^tok_/);
  });

  it("shows admins and owners every actor's IP and credential", async () => {
    const { member, adminToken, keyId } = await memberKeyTouchedByAdmin();
    const owner = await makeUser("acme", "owner");
    const ownerToken = (await login(owner.email)).access_token;

    for (const token of [adminToken, ownerToken]) {
      const entries = await trail(token, keyId);
      const byMember = entries.find((e) => e.action === "api_key.created");
      expect(byMember?.actor).toMatchObject({ id: member.id, email: member.email });
      expect(byMember?.ip).toBe("203.0.113.10");
      expect(byMember?.credential).toMatch(/^tok_/);
      const byAdmin = entries.find((e) => e.action === "api_key.updated");
      expect(byAdmin?.ip).toBe("203.0.113.99");
      expect(byAdmin?.credential).toMatch(/^tok_/);
    }
  });
});
