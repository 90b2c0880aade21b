import type { z } from "zod";
import { getDb } from "@/db";
import type { Viewer } from "@/server/auth/auth-context";
import { findAccessibleKey } from "./find-api-key";
import { toPublicApiKey } from "./public-api-key";
import type { apiKeyDetailSchema } from "./schemas";
import { scopesUsed30d } from "./scopes-used";

/**
 * GET /api-keys/{id} and the dashboard's key page: the key, plus which of its scopes it used in
 * the last 30 days (the least-privilege hint).
 */
export async function getApiKeyDetail(viewer: Viewer, id: string): Promise<ApiKeyDetail> {
  const db = await getDb();
  const row = await findAccessibleKey(db, viewer, id);
  return { ...toPublicApiKey(row), scopes_used_30d: await scopesUsed30d(db, row) };
}

export type ApiKeyDetail = z.infer<typeof apiKeyDetailSchema>;
