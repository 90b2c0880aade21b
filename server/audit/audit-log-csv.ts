import { componentLogger } from "@/lib/logger";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { decodeCursor } from "@/server/core/pagination";
import { describeError } from "@/server/core/to-api-error";
import { assertFeature, cachedGovernance } from "@/server/organizations/governance";
import { withinPlanHistory } from "./audit-history";
import { auditLogPage } from "./list-audit-logs";
import type { AuditEntryView, AuditLogFilters } from "./schemas";

/** Rows read per query while streaming: memory stays at one page whatever the log's size. */
export const CSV_PAGE_SIZE = 500;

export const AUDIT_CSV_COLUMNS = [
  "time",
  "action",
  "actor_id",
  "actor_name",
  "actor_email",
  "target_type",
  "target_id",
  "ip",
  "credential",
  "metadata",
] as const;

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would read as a formula (= + - @, or a tab or
 * carriage return that some read past) gets a leading apostrophe: a member named
 * `=HYPERLINK(…)` must not run when an owner opens the export (CSV injection).
 */
export function csvCell(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: (string | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function entryLine(entry: AuditEntryView): string {
  return csvLine([
    entry.created_at,
    entry.action,
    entry.actor?.id ?? null,
    entry.actor?.name ?? null,
    entry.actor?.email ?? null,
    entry.target.type,
    entry.target.id,
    entry.ip,
    entry.credential,
    entry.metadata ? JSON.stringify(entry.metadata) : null,
  ]);
}

/** "Acme Corp" -> "acme-corp": the organization in the file name, in plain ASCII. */
function fileSlug(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || fallback;
}

export function auditCsvFilename(organization: { id: string; name: string }, at: Date): string {
  return `audit-log-${fileSlug(organization.name, organization.id)}-${at.toISOString().slice(0, 10)}.csv`;
}

/**
 * The organization's audit log matching `filters` as a CSV stream, newest first. Pages are read
 * one at a time by keyset (each query starts after the last row sent), only when the client has
 * taken the previous one: the whole log is never held in memory. The first page is read before
 * the response starts, so a database that does not answer is still a JSON 503.
 */
export async function auditLogCsvStream(
  ctx: Viewer,
  filters: AuditLogFilters,
): Promise<ReadableStream<Uint8Array>> {
  requireScope(ctx, "read:audit-logs");
  const organizationId = ctx.organization.id;
  assertFeature(await cachedGovernance(organizationId), "csv_export");
  const within = await withinPlanHistory(organizationId, filters);
  const encoder = new TextEncoder();
  let page = await auditLogPage(ctx.db, organizationId, within, { limit: CSV_PAGE_SIZE });
  let header = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (header) {
          header = false;
          controller.enqueue(encoder.encode(csvLine([...AUDIT_CSV_COLUMNS])));
        }
        if (page.data.length > 0) {
          controller.enqueue(encoder.encode(page.data.map(entryLine).join("")));
        }
        const cursor = page.next_cursor ? decodeCursor(page.next_cursor, "aud") : null;
        if (!cursor) {
          controller.close();
          return;
        }
        try {
          page = await auditLogPage(ctx.db, organizationId, within, {
            limit: CSV_PAGE_SIZE,
            cursor,
          });
        } catch (error) {
          // The 200 is already on its way: cut the download short rather than end it as if
          // complete, and say why in the server log.
          componentLogger("audit").error(`CSV export stopped: ${describeError(error)}`);
          controller.error(error);
        }
      },
    },
    // Pull only when the consumer has read what was queued: backpressure from the socket.
    { highWaterMark: 0 },
  );
}
