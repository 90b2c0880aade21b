import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { auditLogs } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { invoke } from "@/tests/helpers/invoke";
import { patchOrganization, planOrganization, postKey } from "@/tests/helpers/plan-world";

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

afterEach(() => {
  delete process.env.VOLTASIS_ENV;
  resetEnvForTests();
});

/** An enterprise organization whose owner set `policies`. */
async function withPolicies(policies: Record<string, unknown>) {
  const org = await planOrganization("enterprise");
  const res = await patchOrganization(org.id, org.owner.token, { policies });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return org;
}

function rotate(id: string, token: string, body: unknown = {}) {
  return invoke(rotateRoute.POST, {
    method: "POST",
    path: `/api-keys/${id}/rotate`,
    token,
    params: { id },
    body,
  });
}

describe("setting credential policies", () => {
  it("is for owners, audited with each changed policy's before and after", async () => {
    const org = await planOrganization("enterprise");
    const body = { policies: { max_key_lifetime_days: 90, key_creators: "admins" } };
    for (const who of [org.admin, org.member]) {
      const refused = await patchOrganization(org.id, who.token, body);
      expect(refused.status).toBe(403);
    }
    const set = await patchOrganization(org.id, org.owner.token, body);
    expect(set.status).toBe(200);
    expect(set.body.data.policies).toEqual({
      max_key_lifetime_days: 90,
      revoke_unused_after_days: null,
      key_creators: "admins",
      require_key_approval: false,
      require_allowlist_for_live_keys: false,
    });
    // Only what changes is sent and recorded; the rest keeps its value.
    await patchOrganization(org.id, org.owner.token, { policies: { max_key_lifetime_days: null } });
    const entries = await (await getDb())
      .select({ metadata: auditLogs.metadata })
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.organizationId, org.id),
          eq(auditLogs.action, "organization.policies_changed"),
        ),
      )
      .orderBy(auditLogs.createdAt);
    expect(entries.map((e) => e.metadata)).toEqual([
      {
        before: { max_key_lifetime_days: null, key_creators: "members" },
        after: { max_key_lifetime_days: 90, key_creators: "admins" },
      },
      { before: { max_key_lifetime_days: 90 }, after: { max_key_lifetime_days: null } },
    ]);
  });

  it.each([
    [{ revoke_unused_after_days: 7 }, "policies.revoke_unused_after_days"],
    [{ max_key_lifetime_days: 0 }, "policies.max_key_lifetime_days"],
    [{ max_key_lifetime_days: 1.5 }, "policies.max_key_lifetime_days"],
    [{ key_creators: "everyone" }, "policies.key_creators"],
    [{ require_key_approval: "yes" }, "policies.require_key_approval"],
    [{ unknown_policy: true }, "policies"],
    [{}, "policies"],
  ])("refuses %j with 400 naming %s", async (policies, field) => {
    const org = await planOrganization("enterprise");
    const res = await patchOrganization(org.id, org.owner.token, { policies });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details[0].field).toBe(field);
  });
});

describe("maximum key lifetime", () => {
  it("requires an expiry within it on creation", async () => {
    const org = await withPolicies({ max_key_lifetime_days: 30 });
    const never = await postKey(org.owner.token, {});
    expect(never.status).toBe(400);
    expect(never.body.error.details).toEqual([
      {
        field: "expires_at",
        message: "this organization requires keys to expire within 30 days: set expires_at",
      },
    ]);
    expect((await postKey(org.owner.token, { expires_at: inDays(31) })).status).toBe(400);
    expect((await postKey(org.owner.token, { expires_at: inDays(29) })).status).toBe(201);
  });

  it("caps a rotation's renewed expiry, and refuses one asked beyond it", async () => {
    const org = await planOrganization("enterprise");
    const made = await postKey(org.owner.token, {});
    const id = made.body.data.id as string;
    await patchOrganization(org.id, org.owner.token, { policies: { max_key_lifetime_days: 30 } });
    expect((await rotate(id, org.owner.token, { expires_at: inDays(60) })).status).toBe(400);
    const rotated = await rotate(id, org.owner.token);
    expect(rotated.status).toBe(200);
    const expiresAt = new Date(rotated.body.data.expires_at).getTime();
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);
    expect(expiresAt).toBeGreaterThan(Date.now() + 29 * DAY_MS);
  });

  it("lets a key made before the policy be brought within it, never pushed out", async () => {
    const org = await planOrganization("enterprise");
    const made = await postKey(org.owner.token, { expires_at: inDays(200) });
    const id = made.body.data.id as string;
    await patchOrganization(org.id, org.owner.token, { policies: { max_key_lifetime_days: 30 } });
    const patch = (expires_at: string) =>
      invoke(keyRoute.PATCH, {
        method: "PATCH",
        path: `/api-keys/${id}`,
        token: org.owner.token,
        params: { id },
        body: { expires_at },
      });
    expect((await patch(inDays(300))).status).toBe(400);
    expect((await patch(inDays(60))).status).toBe(400);
    const wanted = inDays(30);
    const fixed = await patch(wanted);
    expect(fixed.status).toBe(200);
    expect(fixed.body.data.expires_at).toBe(wanted);
  });
});

describe("who may create keys", () => {
  it("admins and owners only: a member gets 403, and still rotates the key it has", async () => {
    const org = await planOrganization("enterprise");
    const own = await postKey(org.member.token, {});
    expect(own.status).toBe(201);
    await patchOrganization(org.id, org.owner.token, { policies: { key_creators: "admins" } });
    const refused = await postKey(org.member.token, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({ policy: "key_creators" });
    expect((await postKey(org.admin.token, {})).status).toBe(201);
    expect((await rotate(own.body.data.id, org.member.token)).status).toBe(200);
  });
});

describe("approval of members' keys", () => {
  it("creates a member's key pending: shown once, answering 401 pending_approval until decided", async () => {
    const org = await withPolicies({ require_key_approval: true });
    const made = await postKey(org.member.token, {});
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ status: "pending_approval", approval: "pending" });
    const call = await invoke(usersRoute.GET, { path: "/users", token: made.body.data.key });
    expect(call.status).toBe(401);
    expect(call.body.error).toMatchObject({
      code: "UNAUTHORIZED",
      message: "Invalid or missing authentication token",
      details: { reason: "pending_approval" },
    });
    // Keys of admins and owners need no approval.
    const owners = await postKey(org.owner.token, {});
    expect(owners.body.data).toMatchObject({ status: "active", approval: null });
    expect(
      (await invoke(usersRoute.GET, { path: "/users", token: owners.body.data.key })).status,
    ).toBe(200);
  });
});

describe("an allowlist on live keys", () => {
  it("refuses a live key without one; test keys are not live", async () => {
    const org = await withPolicies({ require_allowlist_for_live_keys: true });
    expect((await postKey(org.owner.token, {})).status).toBe(201);
    process.env.VOLTASIS_ENV = "live";
    resetEnvForTests();
    const bare = await postKey(org.owner.token, {});
    expect(bare.status).toBe(400);
    expect(bare.body.error.details[0].field).toBe("allowed_ips");
    const listed = await postKey(org.owner.token, { allowed_ips: ["203.0.113.0/24"] });
    expect(listed.status).toBe(201);
    expect(listed.body.data.key).toMatch(/^vlt_live_/);
  });
});
