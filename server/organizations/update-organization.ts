import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { oauthApps, oauthGrants, organizations } from "@/db/schema";
import { isId } from "@/lib/ids";
import { type AuditAction, actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { missingScope, organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import { forgetGrants } from "@/server/oauth-grants/forget-grants";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import {
  assertFeature,
  type CredentialPolicies,
  type Governance,
  toGovernance,
} from "./governance";
import type { UpdatePoliciesInput } from "./governance-schemas";
import { organizationDetail, organizationRow } from "./organization-detail";
import type { OrganizationDetail, UpdateOrganizationInput } from "./schemas";

/**
 * PATCH /organizations/{id}: owners and admins of that organization rename it; owners set which
 * third-party apps may act in it (`third_party_access`) and its credential policies; platform
 * admins set its plan. One transaction, each change audited; every instance applies it within a
 * second (the auth bus evicts what it cached of the organization).
 */
export async function updateOrganization(
  ctx: AuthContext,
  id: string,
  input: UpdateOrganizationInput,
): Promise<OrganizationDetail> {
  if (!isId("org", id)) throw new ApiError("NOT_FOUND", "No organization with this id");
  // Organizations are managed by people (a user token or the dashboard), never by API keys or
  // third-party apps.
  if (ctx.credential.type === "api_key" || ctx.credential.type === "oauth") {
    throw new ApiError("FORBIDDEN", "Organizations cannot be changed with an API key or app token");
  }
  const result = await ctx.db.transaction(async (tx) => {
    const row = await organizationRow(tx, ctx, id, { lock: true });
    // Another organization's existence is never revealed to someone who cannot manage it.
    const admin = ctx.scopes.includes("admin:organizations");
    if (!row || (!row.role && !admin)) throw organizationNotAllowed();
    if (row.role === "member" || (!row.role && !admin)) {
      throw new ApiError("FORBIDDEN", "Only owners and admins can change the organization");
    }
    const before = row.organization;
    const owner = row.role === "owner" || admin;
    const name = input.name ?? before.name;
    const thirdPartyAccess = input.third_party_access ?? before.thirdPartyAccess;
    if (thirdPartyAccess !== before.thirdPartyAccess && !owner) {
      throw new ApiError("FORBIDDEN", "Only owners decide which third-party apps may act here");
    }
    const plan = input.plan ?? before.plan;
    if (plan !== before.plan && !admin) throw missingScope("admin:organizations");
    const policies = input.policies
      ? changedPolicies(toGovernance({ ...before, plan }), input.policies, owner)
      : {};
    const after = { ...before, name, thirdPartyAccess, plan, ...policies };
    await tx
      .update(organizations)
      .set({ name, thirdPartyAccess, plan, ...policies })
      .where(eq(organizations.id, id));
    // Contexts carry the organization's name (/auth/me), apps' grants its policy, and writes
    // its plan and credential policies: every instance reloads them.
    await publishAuthChange(tx, { organizationId: id });
    const audit = (action: AuditAction, metadata: Record<string, unknown>) =>
      recordAudit(tx, actorOf(ctx), {
        action,
        organizationId: id,
        targetType: "organization",
        targetId: id,
        metadata,
      });
    if (name !== before.name) {
      await audit("organization.renamed", { from: before.name, to: name });
    }
    if (thirdPartyAccess !== before.thirdPartyAccess) {
      // Grants the new policy forbids stop working now, not only new authorizations.
      const revoked =
        thirdPartyAccess === "own_apps" ? await forgetForeignGrants(tx, id, ctx.user.id) : [];
      await audit("organization.third_party_access_changed", {
        from: before.thirdPartyAccess,
        to: thirdPartyAccess,
        grants_revoked: revoked.length,
      });
    }
    if (plan !== before.plan) {
      await audit("organization.plan_changed", { from: before.plan, to: plan });
    }
    const policyChange = policyDiff(toGovernance(before).policies, toGovernance(after).policies);
    if (policyChange) await audit("organization.policies_changed", policyChange);
    return organizationDetail(tx, after, row.role);
  });
  kickWebhookOutbox();
  return result;
}

/**
 * The policy columns to write. Owners set policies, on a plan that includes them; after a
 * downgrade the ones set stay enforced and read-only, since turning one off would weaken security.
 */
function changedPolicies(
  governance: Governance,
  input: UpdatePoliciesInput,
  owner: boolean,
): Partial<typeof organizations.$inferInsert> {
  if (!owner) throw new ApiError("FORBIDDEN", "Only owners set the credential policies");
  assertFeature(governance, "credential_policies");
  return {
    ...(input.max_key_lifetime_days !== undefined && {
      maxKeyLifetimeDays: input.max_key_lifetime_days,
    }),
    ...(input.revoke_unused_after_days !== undefined && {
      revokeUnusedAfterDays: input.revoke_unused_after_days,
    }),
    ...(input.key_creators !== undefined && { keyCreators: input.key_creators }),
    ...(input.require_key_approval !== undefined && {
      requireKeyApproval: input.require_key_approval,
    }),
    ...(input.require_allowlist_for_live_keys !== undefined && {
      requireAllowlistForLiveKeys: input.require_allowlist_for_live_keys,
    }),
  };
}

/** The policies that changed, before and after (the audit entry's metadata); null: none. */
function policyDiff(before: CredentialPolicies, after: CredentialPolicies) {
  const names = (Object.keys(after) as (keyof CredentialPolicies)[]).filter(
    (k) => before[k] !== after[k],
  );
  if (names.length === 0) return null;
  return {
    before: Object.fromEntries(names.map((k) => [k, before[k]])),
    after: Object.fromEntries(names.map((k) => [k, after[k]])),
  };
}

/** Revokes the organization's grants to apps it did not register (another's, or dynamic ones). */
async function forgetForeignGrants(
  tx: Tx,
  organizationId: string,
  actor: string,
): Promise<string[]> {
  const foreign = await tx
    .select({ id: oauthGrants.id })
    .from(oauthGrants)
    .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
    .where(
      and(
        eq(oauthGrants.organizationId, organizationId),
        isNull(oauthGrants.revokedAt),
        or(isNull(oauthApps.organizationId), ne(oauthApps.organizationId, organizationId)),
      ),
    );
  return forgetGrants(
    tx,
    foreign.map((g) => g.id),
    { actor, reason: "organization_policy" },
  );
}
