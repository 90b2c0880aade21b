import { getDb } from "@/db";
import type { AuthContext } from "@/server/auth/principal";
import { findAccessibleKey } from "./find-api-key";
import { toPublicApiKey } from "./public-api-key";
import { scopesUsed30d } from "./scopes-used";

/**
 * GET /api-keys/{id} and the dashboard's key page: the key, plus which of its scopes it used in
 * the last 30 days (the least-privilege hint).
 */
export async function getApiKeyDetail(
  viewer: Pick<AuthContext, "organization" | "role" | "user">,
  id: string,
) {
  const db = await getDb();
  const row = await findAccessibleKey(db, viewer, id);
  return { ...toPublicApiKey(row), scopes_used_30d: await scopesUsed30d(db, row) };
}

export type ApiKeyDetail = Awaited<ReturnType<typeof getApiKeyDetail>>;
