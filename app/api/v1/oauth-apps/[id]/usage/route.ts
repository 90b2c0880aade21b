import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { appUsageReport } from "@/server/oauth-apps/app-usage-report";
import { oauthAppUsageOperation } from "@/server/oauth-apps/operations";

export const GET = withApi(oauthAppUsageOperation, async ({ ctx, params, query }) =>
  ok(await appUsageReport(ctx, params.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
