import type { z } from "zod";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { findAccessibleKey } from "./find-api-key";
import { toPublicApiKey } from "./public-api-key";
import type { apiKeyDetailSchema } from "./schemas";
import { scopeUsage } from "./scopes-used";

/**
 * GET /api-keys/{id} and the dashboard's key page: the key, plus which of its scopes it used in
 * the last 30 days (the least-privilege hint).
 */
export async function getApiKeyDetail(viewer: Viewer, id: string): Promise<ApiKeyDetail> {
  requireScope(viewer, "read:api-keys");
  const row = await findAccessibleKey(viewer.db, viewer, id);
  const usage = await scopeUsage(viewer.db, row);
  return {
    ...toPublicApiKey(row),
    scopes_used_30d: usage.used,
    scopes_observed_since: usage.observedSince.toISOString(),
  };
}

export type ApiKeyDetail = z.infer<typeof apiKeyDetailSchema>;
