import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Viewer } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import { type ApiKeyRow, publicApiKeyColumns } from "./public-api-key";

/** Members manage their own keys; admins and owners every key of the organization. */
export function seesAllKeys(viewer: Viewer): boolean {
  return viewer.role === "admin" || viewer.role === "owner";
}

/**
 * One key the viewer may act on. Another organization's key is a 403 (it exists, but not for
 * you) and reveals nothing of it; an id that exists nowhere is a 404.
 */
export async function findAccessibleKey(
  db: Db | Tx,
  viewer: Viewer,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ApiKeyRow> {
  if (!isId("key", id)) throw new ApiError("NOT_FOUND", "No API key with this id");
  const query = db
    .select(publicApiKeyColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.id, id), eq(apiKeys.organizationId, viewer.organization.id)));
  const [row] = options.lock ? await query.for("update", { of: apiKeys }) : await query;
  if (!row) {
    const [elsewhere] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id));
    if (elsewhere) throw organizationNotAllowed();
    throw new ApiError("NOT_FOUND", "No API key with this id");
  }
  if (!seesAllKeys(viewer) && row.createdBy !== viewer.user.id) throw new ApiError("FORBIDDEN");
  return row as ApiKeyRow;
}
