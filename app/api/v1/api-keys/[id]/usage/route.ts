import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { keyUsageReport } from "@/server/usage/key-usage-report";
import { apiKeyUsageOperation } from "@/server/usage/operations";

export const GET = withApi(apiKeyUsageOperation, async ({ ctx, params, query }) =>
  ok(await keyUsageReport(ctx, params.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
