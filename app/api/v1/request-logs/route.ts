import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { listRequestLogs } from "@/server/request-logs/list-request-logs";
import { listRequestLogsOperation } from "@/server/request-logs/operations";

export const GET = withApi(listRequestLogsOperation, async ({ ctx, query }) =>
  pageResponse(await listRequestLogs(ctx, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
