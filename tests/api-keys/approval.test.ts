import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as approveRoute from "@/app/api/v1/api-keys/[id]/approve/route";
import * as denyRoute from "@/app/api/v1/api-keys/[id]/deny/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { auditLogs, organizations } from "@/db/schema";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { ConformanceChecker } from "@/tests/helpers/conformance";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { mailsTo } from "@/tests/helpers/mail";
import { login, makeUser } from "@/tests/helpers/tokens";
import { eventsOf, subscribeEndpoint } from "@/tests/helpers/webhook-events";

// Acme requires an owner's or admin's approval of its members' keys (an enterprise policy): a
// member's new key answers 401 pending_approval until one of them approves it, and never works
// once denied. Decisions are the organization's owners' and admins' alone, and each key is
// decided once.

let acme: string;
let endpoint: string;
let owner: string;
let member: string;
let admin: { id: string; email: string; token: string };
let globexOwner: string;

beforeAll(async () => {
  const db = await getDb();
  acme = await orgId("acme");
  await db
    .update(organizations)
    .set({ plan: "enterprise", requireKeyApproval: true })
    .where(eq(organizations.id, acme));
  await publishAuthChange(db, { organizationId: acme });
  endpoint = await subscribeEndpoint(acme);
  owner = (await login(DEMO.acmeOwner)).access_token;
  member = (await login(DEMO.acmeMember)).access_token;
  const made = await makeUser("acme", "admin");
  admin = { ...made, token: (await login(made.email)).access_token };
  globexOwner = (await login(DEMO.globexOwner)).access_token;
});

/** A key created by `token`'s user through the API, as the dashboard would. */
async function createVia(
  token: string,
  name = `approval ${Math.random().toString(36).slice(2, 8)}`,
) {
  const res = await invoke(keysRoute.POST, {
    method: "POST",
    path: "/api-keys",
    token,
    body: { name, scopes: ["read:time-entries"] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; key: string; name: string; status: string };
}

function decide(verb: "approve" | "deny", id: string, token: string, body?: unknown) {
  return invoke(verb === "approve" ? approveRoute.POST : denyRoute.POST, {
    method: "POST",
    path: `/api-keys/${id}/${verb}`,
    token,
    params: { id },
    body,
  });
}

function me(secret: string) {
  return invoke(meRoute.GET, { path: "/auth/me", token: secret });
}

async function auditOf(keyId: string, action: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.targetId, keyId), eq(auditLogs.action, action)));
}

describe("a member's key under the approval policy", () => {
  it("waits (401 pending_approval), its deciders are mailed, and approval makes it work", async () => {
    const key = await createVia(member, "Nightly export");
    expect(key.status).toBe("pending_approval");

    const refused = await me(key.key);
    expect(refused.status).toBe(401);
    expect(refused.body.error.details.reason).toBe("pending_approval");

    // Both deciders hear of it; the mail names the key and who asks, never the secret.
    for (const address of [DEMO.acmeOwner, admin.email]) {
      const [mail] = (await mailsTo(address)).filter((m) => m.text.includes("Nightly export"));
      expect(mail?.subject).toMatch(/asks you to approve an API key in Acme/);
      expect(mail?.text).toContain("/settings/api-keys");
      expect(mail?.raw).not.toContain(key.key);
    }

    // It is in the owners' queue.
    const queue = await invoke(keysRoute.GET, { path: "/api-keys?status=pending", token: owner });
    expect(queue.body.data.map((k: { id: string }) => k.id)).toContain(key.id);

    const approved = await decide("approve", key.id, owner);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.data).toMatchObject({
      id: key.id,
      status: "active",
      approval: "approved",
      approval_decided_at: expect.any(String),
    });

    const works = await me(key.key);
    expect(works.status).toBe(200);

    const [entry] = await auditOf(key.id, "api_key.approved");
    expect(entry?.actorUserId).not.toBeNull();
    const [event] = (await eventsOf(endpoint, "api_key.approved")).filter(
      (e) => e.data.id === key.id,
    );
    expect(event?.data).toMatchObject({ id: key.id, approval: "approved", status: "active" });
    expect(event?.raw).not.toContain(key.key);

    const [told] = (await mailsTo(DEMO.acmeMember)).filter((m) =>
      m.text.includes('approved your API key "Nightly export"'),
    );
    expect(told?.text).toMatch(/works from now on/);
  });

  it("deny revokes it at once, with the reason mailed to its owner and audited", async () => {
    const key = await createVia(member, "Scratch key");
    const denied = await decide("deny", key.id, admin.token, { reason: "Use the CI key" });
    expect(denied.status, JSON.stringify(denied.body)).toBe(200);
    expect(denied.body.data).toMatchObject({
      status: "revoked",
      approval: "denied",
      revoked_at: expect.any(String),
    });

    const refused = await me(key.key);
    expect(refused.status).toBe(401);
    expect(refused.body.error.details.reason).toBe("revoked");

    const [entry] = await auditOf(key.id, "api_key.denied");
    expect(entry?.metadata).toMatchObject({ name: "Scratch key", reason: "Use the CI key" });
    const [event] = (await eventsOf(endpoint, "api_key.denied")).filter(
      (e) => e.data.id === key.id,
    );
    expect(event?.data).toMatchObject({ status: "revoked", reason: "Use the CI key" });
    const [told] = (await mailsTo(DEMO.acmeMember)).filter((m) =>
      m.text.includes('denied your API key "Scratch key"'),
    );
    expect(told?.text).toContain("Their reason: Use the CI key");
    expect(told?.text).toMatch(/revoked and will never work/);
  });

  it("an owner's or admin's own key needs no approval", async () => {
    const key = await createVia(admin.token);
    expect(key.status).toBe("active");
    expect((await me(key.key)).status).toBe(200);
  });
});

describe("who may decide, and what", () => {
  it("refuses members, other organizations, unknown ids and bad reasons", async () => {
    const key = await createVia(member, "Secret project");
    const other = await createVia(
      (await login((await makeUser("acme", "member")).email)).access_token,
    );

    // A member, on its own key or another member's.
    for (const id of [key.id, other.id]) {
      for (const verb of ["approve", "deny"] as const) {
        const res = await decide(verb, id, member);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("FORBIDDEN");
      }
    }

    // Another organization's owner: 403, and nothing of the key in the answer.
    for (const verb of ["approve", "deny"] as const) {
      const res = await decide(verb, key.id, globexOwner);
      expect(res.status).toBe(403);
      expect(res.body.error.details.reason).toBe("organization_not_allowed");
      expect(JSON.stringify(res.body)).not.toContain("Secret project");
    }

    // A key without write:api-keys.
    const reader = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const scoped = await decide("approve", key.id, reader.secret);
    expect(scoped.status).toBe(403);
    expect(scoped.body.error.details).toMatchObject({
      reason: "missing_scope",
      required_scope: "write:api-keys",
    });

    // Unknown and malformed ids.
    for (const id of ["key_00000000000000000000000000", "not-a-key"]) {
      expect((await decide("approve", id, owner)).status).toBe(404);
      expect((await decide("deny", id, owner)).status).toBe(404);
    }

    const long = await decide("deny", key.id, owner, { reason: "x".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.details).toEqual([expect.objectContaining({ field: "reason" })]);

    // After all that, the key still waits.
    expect((await me(key.key)).body.error.details.reason).toBe("pending_approval");
  });

  it("a platform admin visiting may not decide", async () => {
    // Globex, where the platform admin is no member, requires approval too.
    const db = await getDb();
    const globex = await orgId("globex");
    await db
      .update(organizations)
      .set({ plan: "enterprise", requireKeyApproval: true })
      .where(eq(organizations.id, globex));
    await publishAuthChange(db, { organizationId: globex });
    const globexMember = await makeUser("globex", "member");
    const key = await createVia((await login(globexMember.email)).access_token);
    expect(key.status).toBe("pending_approval");
    const visitor = (await login(DEMO.admin)).access_token;
    for (const verb of ["approve", "deny"] as const) {
      const res = await invoke(verb === "approve" ? approveRoute.POST : denyRoute.POST, {
        method: "POST",
        path: `/api-keys/${key.id}/${verb}`,
        token: visitor,
        headers: { "x-organization-id": globex },
        params: { id: key.id },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/Only members of this organization/);
    }
    expect((await me(key.key)).body.error.details.reason).toBe("pending_approval");
  });

  it("each key is decided once: 409 after a decision, and for keys that never waited", async () => {
    const key = await createVia(member);
    expect((await decide("approve", key.id, owner)).status).toBe(200);
    const checker = await ConformanceChecker.load();
    for (const verb of ["approve", "deny"] as const) {
      const again = await decide(verb, key.id, admin.token);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: "CONFLICT",
        details: { status: "active", approval: "approved" },
      });
      // What the 409 names is in the OpenAPI document.
      expect(checker.check({ method: "POST", path: `/api-keys/{id}/${verb}` }, again)).toEqual([]);
    }
    expect((await me(key.key)).status).toBe(200);

    const plain = await createVia(owner);
    expect((await decide("approve", plain.id, owner)).status).toBe(409);
    expect((await decide("deny", plain.id, owner)).status).toBe(409);
  });

  it("approve and deny at once: exactly one wins, the other is a 409", async () => {
    for (let round = 0; round < 3; round++) {
      const key = await createVia(member);
      const [approved, denied] = await Promise.all([
        decide("approve", key.id, owner),
        decide("deny", key.id, admin.token),
      ]);
      expect([approved.status, denied.status].sort()).toEqual([200, 409]);
      const works = (await me(key.key)).status === 200;
      expect(works).toBe(approved.status === 200);
      const entries = [
        ...(await auditOf(key.id, "api_key.approved")),
        ...(await auditOf(key.id, "api_key.denied")),
      ];
      expect(entries).toHaveLength(1);
    }
  });
});
