import type { AuthContext } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { assertMaySee, organizationDetail, organizationRow } from "./organization-detail";
import type { OrganizationDetail } from "./schemas";

/** GET /organizations/{id}: its plan, what the plan includes, usage against caps, and policies. */
export async function getOrganization(ctx: AuthContext, id: string): Promise<OrganizationDetail> {
  const row = await organizationRow(ctx.db, ctx, id);
  if (!row) throw organizationNotAllowed();
  assertMaySee(ctx, id, row.role);
  return organizationDetail(ctx.db, row.organization, row.role);
}
