import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { type Db, getDb, type Tx } from "@/db";
import { organizations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { now } from "@/lib/clock";
import { componentLogger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { backgroundPass } from "@/server/core/background-pass";
import { publicBaseUrl } from "@/server/core/public-url";
import { rowsOf } from "@/server/core/sql-rows";
import { webhookDisabledEmail } from "@/server/email/messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import { ownerAddresses } from "@/server/organizations/owner-addresses";
import { TEST_EVENT_TYPE } from "./events";
import { sendWebhook } from "./send-webhook";
import { openSigningSecret } from "./signing-secret";

/**
 * Waits after each failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h (about 18 hours in all).
 * The attempt after the last wait is the last one: then the delivery has failed and its endpoint
 * is disabled.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A claimed delivery is this sender's for this long (a send takes at most 10 s); a sender that died gives it back after it. */
export const CLAIM_LEASE_MS = 30_000;
const BATCH = 20;
/** The delivery log's depth: older deliveries are pruned. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 3600_000;

interface Claimed {
  id: string;
  endpoint_id: string;
  organization_id: string;
  message_id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: string | Date | null;
}

/**
 * Claims due deliveries of enabled endpoints: FOR UPDATE SKIP LOCKED never picks a row another
 * instance is claiming, and the lease moves `next_attempt_at` past every other sender's reach, so
 * each attempt is made by one instance. Sending happens after this statement, outside any
 * transaction: a slow receiver holds no lock (nor PGlite's one connection).
 */
async function claimDue(db: Db): Promise<Claimed[]> {
  const at = now();
  return rowsOf<Claimed>(
    db,
    sql`
    with due as (
      select d.id from webhook_deliveries d
      join webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= ${at.toISOString()}::timestamptz
        and e.disabled_at is null
      order by d.next_attempt_at
      limit ${BATCH}
      for update of d skip locked
    ), claimed as (
      update webhook_deliveries d
      set attempts = d.attempts + 1,
        next_attempt_at = ${new Date(at.getTime() + CLAIM_LEASE_MS).toISOString()}::timestamptz
      from due where d.id = due.id
      returning d.id, d.endpoint_id, d.organization_id, d.message_id, d.event_type, d.body, d.attempts
    )
    select c.*, e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at
    from claimed c join webhook_endpoints e on e.id = c.endpoint_id`,
  );
}

/** The secrets that sign a message now: the endpoint's, and a rotated-out one still in grace. */
function secretsInForce(row: Claimed, at: Date): string[] {
  const current = openSigningSecret(row.secret_sealed, row.endpoint_id);
  const secrets = current ? [current] : [];
  const graceEnds = row.previous_secret_expires_at
    ? new Date(row.previous_secret_expires_at)
    : null;
  if (row.previous_secret_sealed && graceEnds && graceEnds > at) {
    const previous = openSigningSecret(row.previous_secret_sealed, row.endpoint_id);
    if (previous) secrets.push(previous);
  }
  return secrets;
}

type Outcome = "delivered" | "retry" | "failed";

async function deliverOne(db: Db, row: Claimed): Promise<Outcome> {
  const at = now();
  const secrets = secretsInForce(row, at);
  const result =
    secrets.length === 0
      ? {
          ok: false,
          status: null,
          latencyMs: 0,
          error: "the signing secret cannot be opened (AUTH_SECRET changed?): rotate it",
        }
      : await sendWebhook({ url: row.url, messageId: row.message_id, body: row.body, secrets, at });
  const attempt = {
    lastAttemptAt: at,
    responseStatus: result.status,
    latencyMs: result.latencyMs,
    lastError: result.ok ? null : (result.error ?? "failed").slice(0, 500),
  };
  if (result.ok) {
    await db
      .update(webhookDeliveries)
      .set({ ...attempt, status: "delivered", deliveredAt: now() })
      .where(eq(webhookDeliveries.id, row.id));
    return "delivered";
  }
  // A test is sent once: whoever clicked Send test reads its outcome at once.
  const last = row.event_type === TEST_EVENT_TYPE || row.attempts >= MAX_ATTEMPTS;
  if (!last) {
    const delay = RETRY_DELAYS_MS[row.attempts - 1] ?? RETRY_DELAYS_MS.at(-1) ?? 0;
    await db
      .update(webhookDeliveries)
      .set({ ...attempt, nextAttemptAt: new Date(now().getTime() + delay) })
      .where(eq(webhookDeliveries.id, row.id));
    return "retry";
  }
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({ ...attempt, status: "failed" })
      .where(eq(webhookDeliveries.id, row.id));
    if (row.event_type !== TEST_EVENT_TYPE)
      await disableFailingEndpoint(tx, row, attempt.lastError ?? "failed");
  });
  kickEmailOutbox();
  return "failed";
}

/**
 * An endpoint whose delivery failed every attempt for about a day is disabled (its waiting
 * deliveries stay, to be sent when it is enabled again) and the organization's owners are told.
 * Only the delivery that disables it mails: the update returns the row once.
 */
async function disableFailingEndpoint(tx: Tx, row: Claimed, lastError: string) {
  const [disabled] = await tx
    .update(webhookEndpoints)
    .set({ disabledAt: now(), disabledReason: "failing", updatedAt: now() })
    .where(and(eq(webhookEndpoints.id, row.endpoint_id), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id });
  if (!disabled) return;
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, row.organization_id));
  const settingsUrl = `${publicBaseUrl()}/settings/webhooks/${row.endpoint_id}`;
  for (const to of await ownerAddresses(tx, row.organization_id)) {
    await enqueueEmail(
      tx,
      webhookDisabledEmail({
        to,
        organizationName: organization?.name ?? row.organization_id,
        url: row.url,
        lastError,
        settingsUrl,
        expiresAt: new Date(now().getTime() + 7 * 24 * 3600_000),
      }),
    );
  }
  componentLogger("webhooks").warn(
    `endpoint ${row.endpoint_id} disabled after ${row.attempts} failed attempts`,
  );
}

export interface WebhookPassReport {
  delivered: number;
  retry: number;
  failed: number;
}

/**
 * Sends every due delivery, batch after batch, until none is due. Safe on every instance. The
 * deliveries of one batch go out concurrently: one slow receiver does not hold up the others.
 */
export async function deliverDueWebhooks(): Promise<WebhookPassReport> {
  const report: WebhookPassReport = { delivered: 0, retry: 0, failed: 0 };
  const db = await getDb();
  for (;;) {
    const claimed = await claimDue(db);
    if (claimed.length === 0) return report;
    const outcomes = await Promise.all(claimed.map((row) => deliverOne(db, row)));
    for (const outcome of outcomes) {
      report[outcome] += 1;
      metrics().webhookDeliveries.inc({ outcome });
    }
  }
}

/** Deletes deliveries older than the log's 30 days, in one bounded statement. */
export async function pruneWebhookDeliveries(): Promise<number> {
  const db = await getDb();
  const before = new Date(now().getTime() - DELIVERY_RETENTION_MS);
  const old = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(lte(webhookDeliveries.createdAt, before))
    .limit(5_000);
  const deleted = await db
    .delete(webhookDeliveries)
    .where(sql`${webhookDeliveries.id} in (${old})`)
    .returning({ id: webhookDeliveries.id });
  return deleted.length;
}

const sender = backgroundPass("webhooks", deliverDueWebhooks);
const published = globalThis as unknown as { __voltasisWebhookPublishedAt?: number };
/** A kick runs a pass if an event found an endpoint this recently (its commit may be under way). */
const KICK_WINDOW_MS = 30_000;

/** Called by publishEvent when an event found an endpoint: kicks after it have work to do. */
export function noteWebhookPublished(): void {
  published.__voltasisWebhookPublishedAt = performance.now();
}

/**
 * Sends what is due now, off the request path: call it after the commit that published. In a
 * process where no event found an endpoint lately (most changes, in most organizations), it costs
 * nothing: no query runs. The window, rather than a flag cleared by the first kick, keeps another
 * request's kick from using up the notice before this transaction has committed.
 */
export function kickWebhookOutbox(): void {
  const at = published.__voltasisWebhookPublishedAt;
  if (at === undefined || performance.now() - at > KICK_WINDOW_MS) return;
  sender.kick();
}

/** Runs a pass whatever was published (the poller, tests). */
export const runWebhookPass = sender.kick;

/** Waits for the pass in flight, if any (tests, shutdown). */
export const drainWebhookOutbox = sender.drain;
