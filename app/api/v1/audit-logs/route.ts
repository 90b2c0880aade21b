import { listAuditLogs } from "@/server/audit/list-audit-logs";
import { listAuditLogsOperation } from "@/server/audit/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(listAuditLogsOperation, async ({ ctx, query }) =>
  pageResponse(await listAuditLogs(ctx, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
