import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { memberships, organizations } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Role } from "@/lib/roles";
import { countKeysInService } from "@/server/api-keys/key-governance";
import type { AuthContext } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import { toGovernance } from "./governance";
import type { OrganizationDetail } from "./schemas";

/** An organization's row with the caller's role in it (null: not a member). */
export async function organizationRow(
  db: Db | Tx,
  ctx: Pick<AuthContext, "user">,
  id: string,
  options: { lock?: boolean } = {},
) {
  if (!isId("org", id)) throw new ApiError("NOT_FOUND", "No organization with this id");
  const query = db
    .select({ organization: organizations, role: memberships.role })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, ctx.user.id)),
    )
    .where(eq(organizations.id, id));
  const [row] = options.lock ? await query.for("update", { of: organizations }) : await query;
  return row;
}

/**
 * Who may see an organization: its members, and platform admins acting with admin:organizations.
 * An API key or an app's token sees only the organization it belongs to. Anyone else gets the
 * answer a missing organization gets, so that no other organization's existence is revealed.
 */
export function assertMaySee(
  ctx: Pick<AuthContext, "scopes" | "credential">,
  id: string,
  role: Role | null | undefined,
): void {
  const pinned = ctx.credential.type === "api_key" || ctx.credential.type === "oauth";
  if (ctx.scopes.includes("admin:organizations")) return;
  if (!role || (pinned && ctx.credential.organizationId !== id)) throw organizationNotAllowed();
}

type OrganizationRow = typeof organizations.$inferSelect;

/** The organization as GET /organizations/{id} answers: plan, entitlements, usage, policies. */
export async function organizationDetail(
  db: Db | Tx,
  row: OrganizationRow,
  role: Role | null,
): Promise<OrganizationDetail> {
  const governance = toGovernance(row);
  return {
    id: row.id,
    name: row.name,
    role,
    third_party_access: row.thirdPartyAccess,
    plan: row.plan,
    created_at: row.createdAt.toISOString(),
    entitlements: governance.entitlements,
    usage: {
      active_keys: {
        used: await countKeysInService(db, row.id),
        limit: governance.entitlements.active_keys,
      },
    },
    policies: governance.policies,
  };
}
