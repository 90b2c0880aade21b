import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import {
  ENTITLEMENTS,
  type Entitlements,
  type Feature,
  type Plan,
  requiredPlan,
} from "@/lib/plans";
import { ensureAuthListener } from "@/server/auth/auth-bus";
import { authCacheGeneration, getAuthCached, setAuthCached } from "@/server/auth/auth-cache";
import { notInPlan } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";

/** The rules an organization's owners set for its credentials (null or false: off). */
export interface CredentialPolicies {
  max_key_lifetime_days: number | null;
  revoke_unused_after_days: number | null;
  key_creators: "members" | "admins";
  require_key_approval: boolean;
  require_allowlist_for_live_keys: boolean;
}

/** What an organization may use (its plan) and the rules it set for credentials. */
export interface Governance {
  organizationId: string;
  plan: Plan;
  entitlements: Entitlements;
  policies: CredentialPolicies;
}

const governanceColumns = {
  id: organizations.id,
  plan: organizations.plan,
  maxKeyLifetimeDays: organizations.maxKeyLifetimeDays,
  revokeUnusedAfterDays: organizations.revokeUnusedAfterDays,
  keyCreators: organizations.keyCreators,
  requireKeyApproval: organizations.requireKeyApproval,
  requireAllowlistForLiveKeys: organizations.requireAllowlistForLiveKeys,
};

type GovernanceRow = {
  id: string;
  plan: Plan;
  maxKeyLifetimeDays: number | null;
  revokeUnusedAfterDays: number | null;
  keyCreators: "members" | "admins";
  requireKeyApproval: boolean;
  requireAllowlistForLiveKeys: boolean;
};

export function toGovernance(row: GovernanceRow): Governance {
  return {
    organizationId: row.id,
    plan: row.plan,
    entitlements: ENTITLEMENTS[row.plan],
    policies: {
      max_key_lifetime_days: row.maxKeyLifetimeDays,
      revoke_unused_after_days: row.revokeUnusedAfterDays,
      key_creators: row.keyCreators,
      require_key_approval: row.requireKeyApproval,
      require_allowlist_for_live_keys: row.requireAllowlistForLiveKeys,
    },
  };
}

/**
 * The organization's plan and policies, read inside a write's transaction with its row locked
 * (FOR NO KEY UPDATE, which still lets other tables reference it): a plan or policy change
 * (FOR UPDATE) waits for the write, or the write sees the change. Also serializes additions
 * counted against a cap, so two concurrent ones cannot both see room for one more.
 */
export async function lockGovernance(tx: Tx | Db, organizationId: string): Promise<Governance> {
  const [row] = await tx
    .select(governanceColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for("no key update");
  if (!row) throw new ApiError("NOT_FOUND", "No organization with this id");
  return toGovernance(row);
}

/**
 * The same, for reads on the request path: served from the auth-state cache, which a plan or
 * policy change evicts on every instance (publishAuthChange with the organization's id).
 */
export async function cachedGovernance(organizationId: string): Promise<Governance> {
  const key = `governance:${organizationId}`;
  const cached = getAuthCached<Governance>(key);
  if (cached) return cached;
  void ensureAuthListener();
  const generation = authCacheGeneration();
  const db = await getDb();
  const [row] = await db
    .select(governanceColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!row) throw new ApiError("NOT_FOUND", "No organization with this id");
  const governance = toGovernance(row);
  setAuthCached(key, governance, { userIds: [], organizationIds: [organizationId] }, generation);
  return governance;
}

/** Refuses (403 `plan`) what the organization's plan does not include. */
export function assertFeature(governance: Governance, feature: Feature): void {
  if (!governance.entitlements[feature]) throw notInPlan(feature, requiredPlan(feature));
}

/** The same inside a write's transaction, with the organization's row locked (lockGovernance). */
export async function requireFeature(
  tx: Tx,
  organizationId: string,
  feature: Feature,
): Promise<Governance> {
  const governance = await lockGovernance(tx, organizationId);
  assertFeature(governance, feature);
  return governance;
}
