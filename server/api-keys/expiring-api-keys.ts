import { and, asc, eq, gt, isNull, lt, type SQL, sql } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { now } from "@/lib/clock";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { seesAllKeys } from "./find-api-key";
import { EXPIRING_SOON_MS } from "./public-api-key";

export interface ExpiringApiKey {
  id: string;
  name: string;
  prefix: string;
  last4: string;
  expiresAt: string;
}

/**
 * The keys that work now and stop within 7 days, soonest first, that the viewer may see (a
 * member: their own). A key in a rotation's grace period is left out: its replacement is the
 * key to watch, so a key and its replacement count once. `total` counts beyond `limit`.
 */
export async function expiringApiKeys(
  viewer: Viewer,
  limit = 5,
): Promise<{ keys: ExpiringApiKey[]; total: number }> {
  requireScope(viewer, "read:api-keys");
  const at = now();
  const where: SQL[] = [
    eq(apiKeys.organizationId, viewer.organization.id),
    isNull(apiKeys.revokedAt),
    gt(apiKeys.expiresAt, at),
    lt(apiKeys.expiresAt, new Date(at.getTime() + EXPIRING_SOON_MS)),
  ];
  if (!seesAllKeys(viewer)) where.push(eq(apiKeys.createdBy, viewer.user.id));
  const rows = await viewer.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      last4: apiKeys.last4,
      expiresAt: apiKeys.expiresAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(apiKeys)
    .where(and(...where))
    .orderBy(asc(apiKeys.expiresAt), asc(apiKeys.id))
    .limit(limit);
  return {
    keys: rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      last4: r.last4,
      expiresAt: (r.expiresAt as Date).toISOString(),
    })),
    total: rows[0]?.total ?? 0,
  };
}
