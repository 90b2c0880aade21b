import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { type Db, getDb, type Tx } from "@/db";
import { emailOutbox } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { componentLogger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { backgroundPass } from "@/server/core/background-pass";
import { seal, unseal } from "@/server/core/seal";
import { describeError } from "@/server/core/to-api-error";
import type { EmailMessage } from "./messages";
import { transmit } from "./transport";

/** A claimed row is another sender's for this long; if that sender died, it is sent again. */
export const CLAIM_LEASE_MS = 2 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 10;
const BATCH = 20;
/** Sent and given-up rows are kept this long (what went out when), then pruned. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60_000;

interface SealedBody {
  subject: string;
  text: string;
  html: string;
  links: string[];
}

/**
 * Queues a message in the caller's transaction, so it exists exactly when the change that causes
 * it commits; call `kickEmailOutbox()` after the commit to send it at once.
 *
 * What is stored: the links we mail are secrets while they are valid (a reset link is the
 * account), so the subject and bodies are sealed with a key derived from AUTH_SECRET (seal.ts)
 * and cleared as soon as the message is sent or given up. We did not keep only "what is needed"
 * (a kind and a user, minting the link at send time): then a retry would mail a different link
 * than an attempt that may in fact have arrived, every new kind of message (invitations,
 * notifications) would need its own re-minting code, and the mail would no longer say what was
 * true when it was caused. A database dump holds no usable link; whoever holds AUTH_SECRET can
 * forge sessions anyway.
 *
 * `deliver: false` runs the same statement and inserts nothing: a password reset for an unknown
 * address does the same work as one for a real account, without mailing anyone.
 */
export async function enqueueEmail(
  tx: Db | Tx,
  message: EmailMessage,
  options: { deliver?: boolean } = {},
): Promise<string> {
  const id = newId("eml");
  const body: SealedBody = {
    subject: message.subject,
    text: message.text,
    html: message.html,
    links: message.links,
  };
  const payload = seal(JSON.stringify(body), id, "email-outbox v1");
  const at = now();
  const deliver = options.deliver ?? true;
  await tx.execute(sql`
    insert into email_outbox (id, kind, recipient, payload, next_attempt_at, expires_at, created_at)
    select ${id}, ${message.kind}, ${message.to}, ${payload}, ${at.toISOString()}::timestamptz,
      ${message.expiresAt.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
    where ${deliver}`);
  return id;
}

/** Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … capped at an hour, with jitter. */
export function backoffMs(attempts: number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

interface Claimed {
  id: string;
  kind: string;
  recipient: string;
  payload: string | null;
  attempts: number;
  expiresAt: Date;
}

/**
 * Claims due rows: the inner SELECT … FOR UPDATE SKIP LOCKED never picks a row another sender
 * is claiming at this moment, and moving `next_attempt_at` a lease ahead keeps it from every
 * other sender afterwards. Sending happens outside any transaction (a slow SMTP server must not
 * hold locks, nor PGlite's single connection).
 */
async function claimDue(db: Db): Promise<Claimed[]> {
  const at = now();
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        isNull(emailOutbox.sentAt),
        isNull(emailOutbox.failedAt),
        lte(emailOutbox.nextAttemptAt, at),
      ),
    )
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(BATCH)
    .for("update", { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      attempts: sql`${emailOutbox.attempts} + 1`,
      nextAttemptAt: new Date(at.getTime() + CLAIM_LEASE_MS),
    })
    .where(inArray(emailOutbox.id, due))
    .returning({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      recipient: emailOutbox.recipient,
      payload: emailOutbox.payload,
      attempts: emailOutbox.attempts,
      expiresAt: emailOutbox.expiresAt,
    });
}

async function giveUp(db: Db, id: string, reason: string): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ failedAt: now(), payload: null, lastError: reason.slice(0, 500) })
    .where(eq(emailOutbox.id, id));
  log().error(`gave up on ${id}: ${reason}`);
}

async function deliverOne(db: Db, row: Claimed): Promise<"sent" | "retry" | "failed"> {
  if (row.expiresAt.getTime() <= now().getTime()) {
    await giveUp(db, row.id, "expired before it could be sent");
    return "failed";
  }
  const opened = row.payload ? unseal(row.payload, row.id, "email-outbox v1") : null;
  if (!opened) {
    await giveUp(db, row.id, "payload cannot be opened (AUTH_SECRET changed?)");
    return "failed";
  }
  const body = JSON.parse(opened) as SealedBody;
  try {
    await transmit({ id: row.id, to: row.recipient, ...body });
  } catch (error) {
    const reason = describeError(error);
    if (row.attempts >= MAX_ATTEMPTS) {
      await giveUp(db, row.id, `${row.attempts} attempts, last: ${reason}`);
      return "failed";
    }
    const delay = backoffMs(row.attempts);
    await db
      .update(emailOutbox)
      .set({ nextAttemptAt: new Date(now().getTime() + delay), lastError: reason.slice(0, 500) })
      .where(eq(emailOutbox.id, row.id));
    log().warn(
      `"${body.subject}" to ${row.recipient} not sent (attempt ${row.attempts}), retry in ${Math.round(delay / 1000)} s: ${reason}`,
    );
    return "retry";
  }
  await db
    .update(emailOutbox)
    .set({ sentAt: now(), payload: null, lastError: null })
    .where(eq(emailOutbox.id, row.id));
  return "sent";
}

export interface DeliveryReport {
  sent: number;
  retry: number;
  failed: number;
}

/** Sends every due message, batch after batch, until none is due. Safe on every instance. */
export async function deliverDueEmails(): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retry: 0, failed: 0 };
  const db = await getDb();
  for (;;) {
    const claimed = await claimDue(db);
    if (claimed.length === 0) return report;
    for (const row of claimed) {
      const outcome = await deliverOne(db, row);
      report[outcome] += 1;
      metrics().emails.inc({ outcome });
    }
  }
}

/** Deletes sent and given-up messages older than the retention, in one bounded statement. */
export async function pruneEmailOutbox(): Promise<number> {
  const db = await getDb();
  const before = new Date(now().getTime() - OUTBOX_RETENTION_MS);
  const old = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        or(isNotNull(emailOutbox.sentAt), isNotNull(emailOutbox.failedAt)),
        lte(emailOutbox.createdAt, before),
      ),
    )
    .limit(5_000);
  const deleted = await db
    .delete(emailOutbox)
    .where(inArray(emailOutbox.id, old))
    .returning({ id: emailOutbox.id });
  return deleted.length;
}

const sender = backgroundPass("email", deliverDueEmails);

/**
 * Sends what is due now, off the request path: called after the commit that queued a message.
 * Never throws: a failure leaves the row to the retry schedule.
 */
export const kickEmailOutbox = sender.kick;

/** Waits for the pass in flight, if any (tests, shutdown). */
export const drainEmailOutbox = sender.drain;

function log() {
  return componentLogger("email");
}
