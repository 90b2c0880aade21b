import { now } from "@/lib/clock";
import { auditCsvFilename, auditLogCsvStream } from "@/server/audit/audit-log-csv";
import { exportAuditLogsOperation } from "@/server/audit/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { withApi } from "@/server/http/with-api";

// Streamed page by page: see auditLogCsvStream.
export const GET = withApi(exportAuditLogsOperation, async ({ ctx, query }) => {
  const stream = await auditLogCsvStream(ctx, query);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${auditCsvFilename(ctx.organization, now())}"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
