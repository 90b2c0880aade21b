import {
  and,
  desc,
  eq,
  gt,
  gte,
  ilike,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { likeLiteral } from "@/lib/like-literal";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import { seesAllKeys } from "./find-api-key";
import {
  type ApiKeyRow,
  EXPIRING_SOON_MS,
  type PublicApiKey,
  publicApiKeyColumns,
  toPublicApiKey,
} from "./public-api-key";
import type { ApiKeyStatus, ListApiKeysQuery } from "./schemas";

/** The rows of each status at `at`, as SQL: the same rules keyStatus() applies to one row. */
function statusCondition(status: ApiKeyStatus, at: Date): SQL {
  const soon = new Date(at.getTime() + EXPIRING_SOON_MS);
  // A future revoked_at is a rotation's grace period: the key still works until then.
  const notRevoked = or(isNull(apiKeys.revokedAt), gt(apiKeys.revokedAt, at)) as SQL;
  const notExpired = or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, at)) as SQL;
  const notPending = sql`${apiKeys.approval} is distinct from 'pending'`;
  switch (status) {
    case "revoked":
      return and(isNotNull(apiKeys.revokedAt), lte(apiKeys.revokedAt, at)) as SQL;
    case "expired":
      return and(notRevoked, isNotNull(apiKeys.expiresAt), lte(apiKeys.expiresAt, at)) as SQL;
    case "pending_approval":
      return and(notRevoked, notExpired, eq(apiKeys.approval, "pending")) as SQL;
    case "expiring_soon":
      return and(
        notRevoked,
        notPending,
        gt(apiKeys.expiresAt, at),
        lt(apiKeys.expiresAt, soon),
      ) as SQL;
    case "active":
      return and(
        notRevoked,
        notPending,
        or(isNull(apiKeys.expiresAt), gte(apiKeys.expiresAt, soon)),
      ) as SQL;
  }
}

/**
 * One page of the organization's keys, newest first; a member gets only the keys they created.
 * Every filter runs in the query, so a page is full whenever more matching keys exist.
 */
export async function listApiKeys(
  ctx: Viewer,
  query: Pick<ListApiKeysQuery, "limit" | "cursor" | "status" | "q" | "created_by"> &
    Partial<Pick<ListApiKeysQuery, "expires_after">>,
): Promise<Page<PublicApiKey>> {
  requireScope(ctx, "read:api-keys");
  const where: (SQL | undefined)[] = [eq(apiKeys.organizationId, ctx.organization.id)];
  if (!seesAllKeys(ctx)) where.push(eq(apiKeys.createdBy, ctx.user.id));
  if (query.created_by) where.push(eq(apiKeys.createdBy, query.created_by));
  if (query.status !== "all") {
    const at = now();
    where.push(or(...query.status.map((status) => statusCondition(status, at))));
  }
  if (query.expires_after) {
    where.push(or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, query.expires_after)));
  }
  if (query.q) {
    const pattern = `%${likeLiteral(query.q)}%`;
    where.push(
      or(ilike(apiKeys.name, pattern), ilike(apiKeys.prefix, pattern), eq(apiKeys.id, query.q)),
    );
  }
  if (query.cursor) where.push(afterCursor(apiKeys.createdAt, apiKeys.id, query.cursor));
  const rows = (await ctx.db
    .select({ ...publicApiKeyColumns, cursorTime: cursorTime(apiKeys.createdAt) })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(...where))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(query.limit + 1)) as (ApiKeyRow & { cursorTime: string })[];
  return toPage(rows, query.limit, toPublicApiKey);
}
