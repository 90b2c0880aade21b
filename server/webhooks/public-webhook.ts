import { and, eq, type GetColumnData } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { users, webhookEndpoints } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Viewer } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import type { WebhookEventType } from "./events";
import type { PublicWebhook } from "./schemas";

/** Columns an endpoint is served with; never its secrets. */
export const webhookColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  disabledAt: webhookEndpoints.disabledAt,
  disabledReason: webhookEndpoints.disabledReason,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  createdBy: webhookEndpoints.createdBy,
  creatorName: users.name,
  creatorEmail: users.email,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

type Columns = typeof webhookColumns;
export type WebhookRow = Omit<
  { [K in keyof Columns]: GetColumnData<Columns[K]> },
  "creatorName" | "creatorEmail"
> & { creatorName: string | null; creatorEmail: string | null };

export function toPublicWebhook(row: WebhookRow): PublicWebhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEventType[],
    enabled: row.disabledAt === null,
    disabled_reason: row.disabledReason,
    disabled_at: row.disabledAt?.toISOString() ?? null,
    previous_secret_expires_at: row.previousSecretExpiresAt?.toISOString() ?? null,
    created_by:
      row.createdBy && row.creatorName !== null && row.creatorEmail !== null
        ? { id: row.createdBy, name: row.creatorName, email: row.creatorEmail }
        : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const notFound = () => new ApiError("NOT_FOUND", "No webhook endpoint with this id");

/**
 * One endpoint of the viewer's organization. Another organization's is a 403 that reveals
 * nothing of it; an id that exists nowhere is a 404. `lock` holds the row until the transaction
 * ends.
 */
export async function findWebhook(
  db: Db | Tx,
  viewer: Pick<Viewer, "organization">,
  id: string,
  options: { lock?: boolean } = {},
): Promise<WebhookRow> {
  if (!isId("we", id)) throw notFound();
  const query = db
    .select(webhookColumns)
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.createdBy))
    .where(
      and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, viewer.organization.id)),
    );
  const [row] = options.lock ? await query.for("update", { of: webhookEndpoints }) : await query;
  if (row) return row;
  const [elsewhere] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id));
  throw elsewhere ? organizationNotAllowed() : notFound();
}
