import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { getRequestLog } from "@/server/request-logs/get-request-log";
import { getRequestLogOperation } from "@/server/request-logs/operations";

export const GET = withApi(getRequestLogOperation, async ({ ctx, params }) =>
  ok(await getRequestLog(ctx, params.request_id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
