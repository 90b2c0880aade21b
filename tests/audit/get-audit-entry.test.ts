import { beforeAll, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as entryRoute from "@/app/api/v1/audit-logs/[id]/route";
import * as auditRoute from "@/app/api/v1/audit-logs/route";
import * as organizationRoute from "@/app/api/v1/organizations/[id]/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { getDb } from "@/db";
import { newId } from "@/lib/ids";
import { renameUser } from "@/server/users/update-account";
import { freshOrganization } from "@/tests/helpers/audit-world";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});

interface Entry {
  id: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  credential: string | null;
  target: { type: string; id: string };
  ip: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

function getEntry(token: string, id: string, headers: Record<string, string> = {}) {
  return invoke<{ data: Entry; error?: { code: string; details?: unknown } }>(entryRoute.GET, {
    path: `/audit-logs/${encodeURIComponent(id)}`,
    token,
    headers,
    params: { id },
  });
}

async function latest(token: string, action: string): Promise<Entry> {
  const res = await invoke<{ data: Entry[] }>(auditRoute.GET, {
    path: `/audit-logs?action=${action}&limit=1`,
    token,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const [entry] = res.body.data;
  if (!entry) throw new Error(`no ${action} entry`);
  return entry;
}

async function createKeyAs(token: string, name: string) {
  const res = await invoke(keysRoute.POST, {
    method: "POST",
    path: "/api-keys",
    token,
    ip: "203.0.113.9",
    body: { name, scopes: ["read:users"] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}

describe("GET /audit-logs/{id}: one entry", () => {
  it("serves the entry as the list does, with its full metadata", async () => {
    const org = await freshOrganization();
    const keyId = await createKeyAs(org.owner.token, "a deploy key ".repeat(7).trim());
    const listed = await latest(org.owner.token, "api_key.created");
    const res = await getEntry(org.owner.token, listed.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual(listed);
    expect(res.body.data).toMatchObject({
      action: "api_key.created",
      actor: { id: org.owner.id, email: org.owner.email },
      target: { type: "api_key", id: keyId },
      ip: "203.0.113.9",
      metadata: { name: "a deploy key ".repeat(7).trim(), scopes: ["read:users"] },
    });
  });

  it("answers 404 for an id that exists nowhere, or is no audit id, and never a 500", async () => {
    const org = await freshOrganization();
    const bad = [
      newId("aud"),
      "aud_short",
      newId("key"),
      "nope",
      "aud_' OR '1'='1",
      `aud_${"x".repeat(5000)}`,
      "aud_%00",
      "../audit-logs",
    ];
    for (const id of bad) {
      const res = await getEntry(org.owner.token, id);
      expect(res.status, id).toBe(404);
      expect(res.body.error).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("answers 405 with the methods it allows to anything but GET", async () => {
    const org = await freshOrganization();
    const res = await invoke(entryRoute.DELETE, {
      method: "DELETE",
      path: `/audit-logs/${newId("aud")}`,
      token: org.owner.token,
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
  });
});

describe("GET /audit-logs/{id}: who may read it", () => {
  it("is refused to members, and to keys without read:audit-logs", async () => {
    const org = await freshOrganization();
    const member = await org.addPerson("member");
    await createKeyAs(org.owner.token, "watched");
    const entry = await latest(org.owner.token, "api_key.created");
    const refused = await getEntry(member.token, entry.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "read:audit-logs" },
    });
    expect(JSON.stringify(refused.body)).not.toContain("watched");

    const admin = await org.addPerson("admin");
    expect((await getEntry(admin.token, entry.id)).status).toBe(200);
  });

  it("is served to a key holding read:audit-logs, refused to a key without it", async () => {
    const { secret: reader } = await createKey(DEMO.acmeOwner, "acme", ["read:audit-logs"]);
    const { key, secret: other } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const res = await invoke<{ data: Entry[] }>(auditRoute.GET, {
      path: `/audit-logs?target=${key.id}`,
      token: reader,
    });
    const id = res.body.data[0]?.id ?? "";
    const served = await getEntry(reader, id);
    expect(served.status).toBe(200);
    expect(served.body.data.target.id).toBe(key.id);
    const refused = await getEntry(other, id);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.details).toMatchObject({ required_scope: "read:audit-logs" });
  });
});

describe("GET /audit-logs/{id}: tenancy", () => {
  it("answers 403 for another organization's entry and reveals nothing of it", async () => {
    const a = await freshOrganization("Org A");
    const b = await freshOrganization("Org B");
    const bKey = await createKeyAs(b.owner.token, "B's secret project");
    const bEntry = await latest(b.owner.token, "api_key.created");

    const res = await getEntry(a.owner.token, bEntry.id);
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe("FORBIDDEN");
    const text = JSON.stringify(res.body);
    for (const secret of [bKey, "B's secret project", b.owner.email]) {
      expect(text).not.toContain(secret);
    }

    // Naming B by header does not help a non-member, nor a key pinned to its organization.
    const override = await getEntry(a.owner.token, bEntry.id, { "X-Organization-ID": b.id });
    expect(override.status).toBe(403);
    const { secret: acmeReader } = await createKey(DEMO.acmeOwner, "acme", ["read:audit-logs"]);
    expect((await getEntry(acmeReader, bEntry.id)).status).toBe(403);
  });

  it("serves a platform admin another organization's entry by X-Organization-ID", async () => {
    const b = await freshOrganization("Org visited");
    await createKeyAs(b.owner.token, "visited key");
    const bEntry = await latest(b.owner.token, "api_key.created");
    const admin = (await login(DEMO.admin)).access_token;
    expect((await getEntry(admin, bEntry.id)).status).toBe(403);
    const visiting = await getEntry(admin, bEntry.id, { "X-Organization-ID": b.id });
    expect(visiting.status, JSON.stringify(visiting.body)).toBe(200);
    expect(visiting.body.data.metadata).toMatchObject({ name: "visited key" });
  });
});

describe("updates record what changed, before and after", () => {
  it("a key's rename and policy change, a role change and an organization rename", async () => {
    const org = await freshOrganization("Before Co");
    const keyId = await createKeyAs(org.owner.token, "old name");
    const patched = await invoke(keyRoute.PATCH, {
      method: "PATCH",
      path: `/api-keys/${keyId}`,
      token: org.owner.token,
      params: { id: keyId },
      body: { name: "new name", rate_limit_per_minute: 60 },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const keyUpdate = await getEntry(
      org.owner.token,
      (await latest(org.owner.token, "api_key.updated")).id,
    );
    expect(keyUpdate.body.data.metadata).toEqual({
      changes: {
        name: { from: "old name", to: "new name" },
        rate_limit_per_minute: { from: null, to: 60 },
      },
    });

    const member = await org.addPerson("member");
    const role = await invoke(userRoute.PATCH, {
      method: "PATCH",
      path: `/users/${member.id}`,
      token: org.owner.token,
      params: { id: member.id },
      body: { role: "admin" },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(200);
    const roleChange = await latest(org.owner.token, "membership.role_changed");
    expect(roleChange.metadata).toEqual({ from: "member", to: "admin" });

    const renamed = await invoke(organizationRoute.PATCH, {
      method: "PATCH",
      path: `/organizations/${org.id}`,
      token: org.owner.token,
      params: { id: org.id },
      body: { name: "After Co" },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const orgRename = await latest(org.owner.token, "organization.renamed");
    expect(orgRename.metadata).toEqual({ from: "Before Co", to: "After Co" });
  });

  it("a person's new name, in each of their organizations; the same name again logs nothing", async () => {
    const org = await freshOrganization();
    const person = await org.addPerson("admin", "Old Name");
    const actor = { userId: person.id, credentialId: "session", ip: "127.0.0.1" };
    await renameUser(person.id, "  New Name ", actor);
    const entry = await latest(org.owner.token, "user.renamed");
    expect(entry).toMatchObject({
      target: { type: "user", id: person.id },
      metadata: { from: "Old Name", to: "New Name" },
    });
    await renameUser(person.id, "New Name", actor);
    const res = await invoke<{ data: Entry[] }>(auditRoute.GET, {
      path: "/audit-logs?action=user.renamed",
      token: org.owner.token,
    });
    expect(res.body.data).toHaveLength(1);
  });
});
