import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { emailOutbox, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { newId } from "@/lib/ids";
import { WEBHOOK_EVENT_TYPES } from "@/server/webhooks/events";

/**
 * An enabled endpoint of the organization subscribed to every event, inserted directly (its
 * sealed secret is a stand-in: these tests read the deliveries written, they send nothing).
 */
export async function subscribeEndpoint(organizationId: string): Promise<string> {
  const db = await getDb();
  const id = newId("we");
  await db.insert(webhookEndpoints).values({
    id,
    organizationId,
    url: "https://hooks.example.test/voltasis",
    events: [...WEBHOOK_EVENT_TYPES],
    secretSealed: "test-sealed-secret",
    secretHash: randomBytes(16).toString("hex"),
  });
  return id;
}

export interface PublishedEvent {
  type: string;
  timestamp: string;
  data: Record<string, any>;
  /** The body exactly as it would be signed and sent. */
  raw: string;
}

/** The events written for the endpoint, of one type, oldest first. */
export async function eventsOf(endpointId: string, type: string): Promise<PublishedEvent[]> {
  const db = await getDb();
  const rows = await db
    .select({ body: webhookDeliveries.body })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.eventType, type)))
    .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id));
  return rows.map((r) => ({ ...(JSON.parse(r.body) as Omit<PublishedEvent, "raw">), raw: r.body }));
}

/** Messages of one kind queued for an address (sealed bodies: what and to whom). */
export async function queuedMail(kind: string, recipient: string) {
  const db = await getDb();
  return db
    .select({ id: emailOutbox.id, kind: emailOutbox.kind, recipient: emailOutbox.recipient })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.kind, kind), eq(emailOutbox.recipient, recipient)));
}
