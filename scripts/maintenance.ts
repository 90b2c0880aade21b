// npm run maintenance: the scheduled maintenance job, once, by hand (audit retention and usage
// roll-ups). Against embedded PGlite, run it while the server is stopped: one process per folder.
import { closeDb } from "@/db";
import { env } from "@/lib/env";
import { runMaintenance } from "@/server/maintenance/run-maintenance";

// The notices it queues are sent by the servers' outbox pollers: this process exits at once.
const report = await runMaintenance({ kick: false });
await closeDb();
console.log(
  `Maintenance done: ${report.auditEntriesDeleted} audit entries older than ${env().AUDIT_RETENTION_DAYS} days deleted; ${report.usageRowsRolledUpHourly} usage rows rolled up into hours, ${report.usageRowsRolledUpDaily} into days; ${report.browserSessionsPruned} expired browser sessions and ${report.oauthRecordsPruned} expired OAuth records forgotten; ${report.keyExpiryNotices} API key expiry notices queued.`,
);
