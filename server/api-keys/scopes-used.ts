import { and, eq, gt, gte, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, usageBuckets } from "@/db/schema";
import { nowMs } from "@/lib/clock";
import { SCOPES, type Scope } from "@/lib/scopes";
// biome-ignore lint/style/noRestrictedImports: the one read of the registry below the doors: which scope each route needs is what the operations declare, and nowhere else.
import { OPERATIONS } from "@/server/http/operations";
import type { ApiKeyRow } from "./public-api-key";

const WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
// A key rotated a few times keeps its history: a new secret has not "never used" its scopes.
const MAX_PREDECESSORS = 5;

/** The scope each operation declares, by "METHOD /route" (the route pattern usage records). */
function scopeOfRoute(): Map<string, Scope> {
  const map = new Map<string, Scope>();
  for (const op of OPERATIONS) {
    const scope = op.scope;
    if ((SCOPES as readonly string[]).includes(scope))
      map.set(`${op.method} ${op.path}`, scope as Scope);
  }
  return map;
}

type ChainKey = Pick<ApiKeyRow, "id" | "organizationId" | "rotatedFromId" | "createdAt">;

/**
 * The key and the keys it was rotated from (same organization), newest first, and when the
 * oldest of them was made: since then its calls have been watched.
 */
async function rotationChain(db: Db, key: ChainKey) {
  const ids = [key.id];
  let since = key.createdAt;
  let previous = key.rotatedFromId;
  while (previous && ids.length <= MAX_PREDECESSORS && !ids.includes(previous)) {
    ids.push(previous);
    const [row] = await db
      .select({ rotatedFromId: apiKeys.rotatedFromId, createdAt: apiKeys.createdAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, previous), eq(apiKeys.organizationId, key.organizationId)));
    if (row && row.createdAt < since) since = row.createdAt;
    previous = row?.rotatedFromId ?? null;
  }
  return { ids, since };
}

/**
 * Which of the key's scopes it used in the last 30 days: the routes it called (from the usage
 * buckets, across its rotations), mapped to the scope each operation declares. Only a 2xx answer
 * counts: a refusal (401, 403, 429) used no permission, and a 404 or a 400 did nothing with it.
 * `observedSince` is when the first key of the rotation chain was made: a young key's unused
 * scopes say little yet.
 */
export async function scopeUsage(
  db: Db,
  key: ChainKey & Pick<ApiKeyRow, "scopes">,
): Promise<{ used: Scope[]; observedSince: Date }> {
  const { ids, since } = await rotationChain(db, key);
  const routes = await db
    .select({ route: usageBuckets.route, method: usageBuckets.method })
    .from(usageBuckets)
    .where(
      and(
        inArray(usageBuckets.tokenId, ids),
        eq(usageBuckets.organizationId, key.organizationId),
        gte(usageBuckets.bucketStart, new Date(nowMs() - WINDOW_MS)),
        eq(usageBuckets.statusClass, "2xx"),
        gt(usageBuckets.count, 0),
      ),
    )
    .groupBy(usageBuckets.route, usageBuckets.method);
  const scopeOf = scopeOfRoute();
  const used = new Set(routes.map((r) => scopeOf.get(`${r.method} ${r.route}`)));
  return {
    used: SCOPES.filter((s) => key.scopes.includes(s) && used.has(s)),
    observedSince: since,
  };
}
