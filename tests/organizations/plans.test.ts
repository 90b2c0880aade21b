import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as auditEntryRoute from "@/app/api/v1/audit-logs/[id]/route";
import * as auditLogsRoute from "@/app/api/v1/audit-logs/route";
import * as auditCsvRoute from "@/app/api/v1/audit-logs.csv/route";
import * as appsRoute from "@/app/api/v1/oauth-apps/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { getDb } from "@/db";
import { auditLogs, organizations } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { newId } from "@/lib/ids";
import { ENTITLEMENTS } from "@/lib/plans";
import { ConformanceChecker } from "@/tests/helpers/conformance";
import { rolledBack } from "@/tests/helpers/fixtures";
import { type Invoked, invoke } from "@/tests/helpers/invoke";
import {
  getOrganization,
  patchOrganization,
  planOrganization,
  platformAdminToken,
  postKey,
} from "@/tests/helpers/plan-world";

const DAY_MS = 24 * 60 * 60 * 1000;

let checker: ConformanceChecker;
beforeAll(async () => {
  checker = await ConformanceChecker.load();
});

/** The refusal every plan gate answers with, as the OpenAPI document describes it. */
function expectPlanRefusal(res: Invoked, feature: string, requiredPlan: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(checker.check({ method: "POST", path: "/api-keys" }, res)).toEqual([]);
  expect(res.body.error).toMatchObject({
    code: "FORBIDDEN",
    message: "Insufficient permissions for this resource",
    details: { reason: "plan", feature, required_plan: requiredPlan },
  });
}

describe("the demo data's plans", () => {
  it("puts Acme on team and Globex on free, so that the gating can be seen", async () => {
    const plans = await rolledBack(async (tx) => {
      // Seeding again from scratch inside a transaction that is then rolled back.
      await tx.execute("delete from instance_state");
      await tx.delete(organizations).where(eq(organizations.slug, "acme"));
      await tx.delete(organizations).where(eq(organizations.slug, "globex"));
      await seedDemoData(tx as never);
      return tx.select({ slug: organizations.slug, plan: organizations.plan }).from(organizations);
    });
    expect(plans).toEqual(
      expect.arrayContaining([
        { slug: "acme", plan: "team" },
        { slug: "globex", plan: "free" },
      ]),
    );
  });
});

describe("GET /organizations/{id}", () => {
  it("shows its members the plan, what it includes, usage against the caps and the policies", async () => {
    const org = await planOrganization("team");
    expect((await postKey(org.member.token, {})).status).toBe(201);
    const res = await getOrganization(org.id, org.member.token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: org.id,
      role: "member",
      plan: "team",
      entitlements: ENTITLEMENTS.team,
      usage: { active_keys: { used: 1, limit: 100 } },
      policies: {
        max_key_lifetime_days: null,
        revoke_unused_after_days: null,
        key_creators: "members",
        require_key_approval: false,
        require_allowlist_for_live_keys: false,
      },
    });
  });

  it("is another organization's to hide: 403 without a word about it, 404 for a malformed id", async () => {
    const mine = await planOrganization("free");
    const theirs = await planOrganization("team");
    const res = await getOrganization(theirs.id, mine.owner.token);
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe("organization_not_allowed");
    expect(JSON.stringify(res.body)).not.toContain("team");
    const missing = await getOrganization(newId("org"), mine.owner.token);
    expect(missing.status).toBe(403);
    expect((await getOrganization("not-an-id", mine.owner.token)).status).toBe(404);
    // A platform admin reads any organization.
    const admin = await getOrganization(theirs.id, await platformAdminToken());
    expect(admin.status).toBe(200);
    expect(admin.body.data).toMatchObject({ role: null, plan: "team" });
  });
});

describe("PATCH /organizations/{id} with a plan", () => {
  it("is for platform admins: an owner gets 403 missing_scope admin:organizations", async () => {
    const org = await planOrganization("free");
    const res = await patchOrganization(org.id, org.owner.token, { plan: "enterprise" });
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({
      reason: "missing_scope",
      required_scope: "admin:organizations",
    });
    expect((await getOrganization(org.id, org.owner.token)).body.data.plan).toBe("free");
  });

  it("a platform admin's change applies to the next request at once and is audited", async () => {
    const org = await planOrganization("free");
    // Read once, so the organization's plan sits in this instance's cache.
    expectPlanRefusal(
      await invoke(webhooksRoute.POST, {
        method: "POST",
        path: "/webhooks",
        token: org.owner.token,
        body: { url: "https://hooks.example.com/x", events: ["api_key.created"] },
      }),
      "webhooks",
      "team",
    );
    expectPlanRefusal(
      await invoke(auditCsvRoute.GET, { path: "/audit-logs.csv", token: org.owner.token }),
      "csv_export",
      "team",
    );
    const res = await patchOrganization(org.id, await platformAdminToken(), { plan: "team" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ plan: "team", entitlements: ENTITLEMENTS.team });
    const csv = await invoke(auditCsvRoute.GET, {
      path: "/audit-logs.csv",
      token: org.owner.token,
    });
    expect(csv.status).toBe(200);
    const entries = await (await getDb())
      .select({ action: auditLogs.action, metadata: auditLogs.metadata })
      .from(auditLogs)
      .where(eq(auditLogs.organizationId, org.id));
    expect(entries).toContainEqual({
      action: "organization.plan_changed",
      metadata: { from: "free", to: "team" },
    });
  });

  it("refuses a plan that does not exist with 400 naming the field", async () => {
    const org = await planOrganization("free");
    const res = await patchOrganization(org.id, await platformAdminToken(), { plan: "gold" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details[0].field).toBe("plan");
  });
});

describe("what the free plan does not include: 403 plan, naming the feature and the plan", () => {
  it("active keys: the 11th key", async () => {
    const org = await planOrganization("free");
    for (let i = 0; i < 10; i += 1) expect((await postKey(org.owner.token, {})).status).toBe(201);
    const res = await postKey(org.owner.token, {});
    expectPlanRefusal(res, "active_keys", "team");
    expect(res.body.error.details.limit).toBe(10);
  });

  it("active keys under a race: three creations for the last slot, one wins", async () => {
    const org = await planOrganization("free");
    for (let i = 0; i < 9; i += 1) expect((await postKey(org.owner.token, {})).status).toBe(201);
    const raced = await Promise.all([1, 2, 3].map(() => postKey(org.owner.token, {})));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 403, 403]);
    const detail = await getOrganization(org.id, org.owner.token);
    expect(detail.body.data.usage.active_keys).toEqual({ used: 10, limit: 10 });
  });

  it("IP allowlists and per-key limits, on create and on change", async () => {
    const org = await planOrganization("free");
    expectPlanRefusal(
      await postKey(org.owner.token, { allowed_ips: ["203.0.113.7"] }),
      "ip_allowlists",
      "team",
    );
    expectPlanRefusal(
      await postKey(org.owner.token, { rate_limit_per_minute: 10 }),
      "per_key_rate_limits",
      "team",
    );
    // An empty list and a null limit ask for nothing the plan lacks.
    const plain = await postKey(org.owner.token, { allowed_ips: [], rate_limit_per_minute: null });
    expect(plain.status).toBe(201);
    const id = plain.body.data.id as string;
    const patch = (body: unknown) =>
      invoke(keyRoute.PATCH, {
        method: "PATCH",
        path: `/api-keys/${id}`,
        token: org.owner.token,
        params: { id },
        body,
      });
    expectPlanRefusal(await patch({ allowed_ips: ["10.0.0.0/8"] }), "ip_allowlists", "team");
    expectPlanRefusal(await patch({ rate_limit_per_minute: 5 }), "per_key_rate_limits", "team");
    expect((await patch({ name: "Renamed" })).status).toBe(200);
  });

  it("webhooks and OAuth apps", async () => {
    const org = await planOrganization("free");
    expectPlanRefusal(
      await invoke(webhooksRoute.POST, {
        method: "POST",
        path: "/webhooks",
        token: org.owner.token,
        body: { url: "https://hooks.example.com/x", events: ["api_key.created"] },
      }),
      "webhooks",
      "team",
    );
    expectPlanRefusal(
      await invoke(appsRoute.POST, {
        method: "POST",
        path: "/oauth-apps",
        token: org.owner.token,
        body: {
          name: "Sync",
          redirect_uris: ["https://sync.example.com/cb"],
          client_type: "confidential",
        },
      }),
      "oauth_apps",
      "team",
    );
  });

  it("audit log history: 7 days, and no further back on request; CSV export", async () => {
    const org = await planOrganization("free");
    const db = await getDb();
    const old = newId("aud");
    const recent = newId("aud");
    const entry = (id: string, daysAgo: number) => ({
      id,
      organizationId: org.id,
      actorUserId: org.owner.id,
      action: "organization.renamed" as const,
      targetType: "organization" as const,
      targetId: org.id,
      metadata: { from: "a", to: "b" },
      createdAt: new Date(Date.now() - daysAgo * DAY_MS),
    });
    await db.insert(auditLogs).values([entry(old, 8), entry(recent, 6)]);
    const list = await invoke(auditLogsRoute.GET, { path: "/audit-logs", token: org.owner.token });
    const ids = list.body.data.map((e: { id: string }) => e.id);
    expect(ids).toContain(recent);
    expect(ids).not.toContain(old);
    const from = new Date(Date.now() - 30 * DAY_MS).toISOString();
    const older = await invoke(auditLogsRoute.GET, {
      path: `/audit-logs?from=${encodeURIComponent(from)}`,
      token: org.owner.token,
    });
    expectPlanRefusal(older, "audit_log_days", "team");
    const get = (id: string) =>
      invoke(auditEntryRoute.GET, {
        path: `/audit-logs/${id}`,
        token: org.owner.token,
        params: { id },
      });
    expect((await get(old)).status).toBe(404);
    expect((await get(recent)).status).toBe(200);
  });

  it("credential policies need enterprise: a team owner gets 403 plan", async () => {
    const org = await planOrganization("team");
    const res = await patchOrganization(org.id, org.owner.token, {
      policies: { require_key_approval: true },
    });
    expectPlanRefusal(res, "credential_policies", "enterprise");
  });
});
