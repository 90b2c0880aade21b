import { getDb, type Tx } from "@/db";
import { now } from "@/lib/clock";
import { credentialExposedEmail } from "@/server/email/messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { exposureRecipients } from "./exposure-recipients";
import { type ExposedCredential, findExposedCredentials } from "./find-exposed-credentials";
import { type RecognisedSecret, recogniseSecret } from "./recognise-secret";
import { type LeakReport, revokeExposedCredential } from "./revoke-exposed-credential";

export interface ReportedSecret {
  token: string;
  /** Where it was found (GitHub's `url`, or the reporter's), and GitHub's `source`. */
  url: string | null;
  source: string;
}

/** A notice is useless once the owners have surely acted: dropped rather than sent a week late. */
const NOTICE_TTL_MS = 7 * 24 * 60 * 60_000;

const KIND_LABEL: Record<ExposedCredential["kind"], string> = {
  api_key: "API key",
  access_token: "user access token",
  refresh_token: "refresh token",
  oauth_access_token: "OAuth access token of the app",
  oauth_refresh_token: "OAuth refresh token of the app",
  client_secret: "OAuth client secret of the app",
  webhook_secret: "webhook signing secret of the endpoint",
};

/**
 * Both doors' work: recognise each reported string by prefix and checksum (no I/O), look the
 * rest up in batches, and revoke every match that still works, each in its own transaction with
 * its audit entry, its mails and its webhook event. Returns the hashes that are Voltasis secrets
 * (live, revoked or expired). Reported twice in one report, a secret is handled once.
 */
export async function handleLeakReport(
  reported: readonly ReportedSecret[],
  report: Pick<LeakReport, "channel" | "ip">,
): Promise<Set<string>> {
  const recognised = new Map<string, { secret: RecognisedSecret; reported: ReportedSecret }>();
  for (const item of reported) {
    const secret = recogniseSecret(item.token);
    if (secret && !recognised.has(secret.hash))
      recognised.set(secret.hash, { secret, reported: item });
  }
  const db = await getDb();
  const found = await findExposedCredentials(
    db,
    [...recognised.values()].map((r) => r.secret),
  );
  let changed = false;
  for (const credential of found.values()) {
    if (!credential.live) continue;
    const entry = recognised.get(credential.hash);
    if (!entry) continue;
    const { secret, reported: item } = entry;
    const context: LeakReport = { ...report, url: item.url, source: item.source };
    changed = (await db.transaction((tx) => exposeOne(tx, credential, secret, context))) || changed;
  }
  if (changed) {
    kickEmailOutbox();
    kickWebhookOutbox();
  }
  return new Set(found.keys());
}

async function exposeOne(
  tx: Tx,
  credential: ExposedCredential,
  secret: RecognisedSecret,
  report: LeakReport,
): Promise<boolean> {
  const display = { prefix: secret.prefix, last4: secret.last4 };
  const { revokedAt, changed } = await revokeExposedCredential(tx, credential, display, report);
  if (!changed) return false;
  const { organization, recipients } = await exposureRecipients(
    tx,
    credential.organizationId,
    credential.ownerUserId,
  );
  const expiresAt = new Date(now().getTime() + NOTICE_TTL_MS);
  for (const recipient of recipients) {
    await enqueueEmail(
      tx,
      credentialExposedEmail({
        to: recipient.email,
        organization,
        credential: {
          kind: KIND_LABEL[credential.kind],
          name: credential.name,
          display: `${display.prefix}…${display.last4}`,
        },
        url: report.url,
        reporter:
          report.channel === "github_secret_scanning" ? "GitHub secret scanning" : "Someone",
        revoked: revokedAt !== null,
        reason: recipient.reason,
        expiresAt,
      }),
    );
  }
  await publishEvent(tx, credential.organizationId, "api_key.exposed", {
    id: credential.id,
    type: credential.kind,
    name: credential.name,
    prefix: display.prefix,
    last4: display.last4,
    url: report.url,
    source: report.source,
    revoked_at: revokedAt?.toISOString() ?? null,
  });
  return true;
}
