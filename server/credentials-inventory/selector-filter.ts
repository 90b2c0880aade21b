import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import {
  apiKeys,
  browserSessions,
  memberships,
  oauthGrants,
  tokenFamilies,
  users,
} from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import { memberOf } from "@/server/users/list-members";
import { assertReaches } from "./credential-authority";
import type { CredentialFilter } from "./credential-rows";
import {
  type InventoryType,
  type RevokeCredentialsInput,
  SESSION_ITEM_PREFIX,
  typeOfId,
} from "./schemas";

/** The rows a selector names, after checking that it names only this organization's. */
export async function selectorFilter(
  ctx: AuthContext,
  types: InventoryType[],
  input: RevokeCredentialsInput,
): Promise<CredentialFilter> {
  if (input.member_id) {
    await assertMemberHere(ctx, input.member_id);
    return { types, holderId: input.member_id };
  }
  // Unused for N days: the automatic-clean-up kind of revocation, for keys only (sessions and
  // user tokens expire by themselves within days).
  if (input.unused_days) return { types: ["api_key"], unusedDays: input.unused_days };
  const ids = [...new Set(input.ids ?? [])];
  const named = [...new Set(ids.map(typeOfId))];
  for (const type of named) assertReaches(types, type);
  await assertIdsHere(ctx.db, ctx.organization.id, ids);
  return { types: named, ids };
}

/** Another organization's user is a 403 that tells nothing of them; an unknown id a 404. */
async function assertMemberHere(ctx: AuthContext, userId: string): Promise<void> {
  if (await memberOf(ctx.db, ctx.organization.id, userId)) return;
  const [elsewhere] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (elsewhere) throw organizationNotAllowed();
  throw new ApiError("NOT_FOUND", "No member with this id", [
    { field: "member_id", message: "No member of this organization has this id" },
  ]);
}

/**
 * Every id must name a credential of this organization (a session: of one of its members),
 * working or not: one that ended meanwhile is simply not counted, so a repeated request
 * succeeds. Another organization's is a 403 and an unknown one a 404, before anything changes.
 */
async function assertIdsHere(db: Db | Tx, organizationId: string, ids: string[]): Promise<void> {
  const of = (type: InventoryType) => ids.filter((id) => typeOfId(id) === type);
  const owners = new Map<string, boolean>();
  const keyIds = of("api_key");
  const familyIds = of("user_token");
  const grantIds = of("oauth_grant");
  const sessionIds = of("session").map((id) => id.slice(SESSION_ITEM_PREFIX.length));
  if (keyIds.length > 0) {
    const rows = await db
      .select({ id: apiKeys.id, organizationId: apiKeys.organizationId })
      .from(apiKeys)
      .where(inArray(apiKeys.id, keyIds));
    for (const r of rows) owners.set(r.id, r.organizationId === organizationId);
  }
  if (familyIds.length > 0) {
    const rows = await db
      .select({ id: tokenFamilies.id, organizationId: tokenFamilies.organizationId })
      .from(tokenFamilies)
      .where(inArray(tokenFamilies.id, familyIds));
    for (const r of rows) owners.set(r.id, r.organizationId === organizationId);
  }
  if (grantIds.length > 0) {
    const rows = await db
      .select({ id: oauthGrants.id, organizationId: oauthGrants.organizationId })
      .from(oauthGrants)
      .where(inArray(oauthGrants.id, grantIds));
    for (const r of rows) owners.set(r.id, r.organizationId === organizationId);
  }
  if (sessionIds.length > 0) {
    const rows = await db
      .select({ id: browserSessions.id, member: memberships.userId })
      .from(browserSessions)
      .leftJoin(
        memberships,
        and(
          eq(memberships.userId, browserSessions.userId),
          eq(memberships.organizationId, organizationId),
        ),
      )
      .where(inArray(browserSessions.id, sessionIds));
    for (const r of rows) owners.set(`${SESSION_ITEM_PREFIX}${r.id}`, r.member !== null);
  }
  const foreign = ids.find((id) => owners.get(id) === false);
  if (foreign) throw organizationNotAllowed();
  const missing = ids.find((id) => !owners.has(id));
  if (missing) {
    throw new ApiError("NOT_FOUND", "No credential with this id", [
      { field: "ids", message: `No credential has the id ${missing}` },
    ]);
  }
}
