import type { webhookDeliveries } from "@/db/schema";
import type { PublicDelivery } from "./schemas";

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export function toPublicDelivery(row: DeliveryRow): PublicDelivery {
  return {
    id: row.id,
    webhook_id: row.endpointId,
    message_id: row.messageId,
    event_type: row.eventType as PublicDelivery["event_type"],
    status: row.status,
    attempts: row.attempts,
    response_status: row.responseStatus,
    latency_ms: row.latencyMs,
    last_error: row.lastError,
    payload: JSON.parse(row.body) as Record<string, unknown>,
    next_attempt_at: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    last_attempt_at: row.lastAttemptAt?.toISOString() ?? null,
    delivered_at: row.deliveredAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
