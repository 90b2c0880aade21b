import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { rowsOf } from "@/server/core/sql-rows";
import type { WebhookEventType } from "./events";
import { noteWebhookPublished } from "./outbox";

/**
 * Publishes an event of an organization: one delivery row per enabled endpoint subscribed to it,
 * in one INSERT … SELECT on the caller's transaction, so the event exists exactly when the change
 * it describes commits (and costs one statement, whatever the number of endpoints). Call
 * `kickWebhookOutbox()` after the commit to send it at once (it does nothing when no event found
 * an endpoint); otherwise the next poll sends it.
 *
 * `data` is what receivers read: ids, names, dates. Never a secret.
 */
export async function publishEvent(
  tx: Db | Tx,
  organizationId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<void> {
  const at = now().toISOString();
  const body = JSON.stringify({ type, timestamp: at, data });
  const inserted = await rowsOf<{ id: string }>(
    tx,
    sql`
    insert into webhook_deliveries
      (id, endpoint_id, organization_id, message_id, event_type, body, next_attempt_at, created_at)
    select 'whd_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.organization_id,
      ${newId("msg")}, ${type}, ${body}, ${at}::timestamptz, ${at}::timestamptz
    from webhook_endpoints e
    where e.organization_id = ${organizationId} and e.disabled_at is null
      and ${type} = any(e.events)
    returning id`,
  );
  if (inserted.length > 0) noteWebhookPublished();
}
