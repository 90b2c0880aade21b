import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { oauthApps } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Viewer } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import { type OAuthAppRow, selectOAuthApp } from "./public-oauth-app";

const notFound = () => new ApiError("NOT_FOUND", "No OAuth app with this id");

/**
 * One app of the viewer's organization. Another organization's app, or one registered
 * dynamically (it belongs to nobody), is a 403 that reveals nothing of it; an id that exists
 * nowhere is a 404. `lock` holds the row until the transaction ends.
 */
export async function findOrganizationApp(
  db: Db | Tx,
  viewer: Pick<Viewer, "organization">,
  id: string,
  options: { lock?: boolean } = {},
): Promise<OAuthAppRow> {
  if (!isId("app", id)) throw notFound();
  const query = selectOAuthApp(db).where(
    and(eq(oauthApps.id, id), eq(oauthApps.organizationId, viewer.organization.id)),
  );
  const [row] = options.lock ? await query.for("update", { of: oauthApps }) : await query;
  if (row) return row;
  const [elsewhere] = await db
    .select({ id: oauthApps.id })
    .from(oauthApps)
    .where(eq(oauthApps.id, id));
  throw elsewhere ? organizationNotAllowed() : notFound();
}
