import { keyAuditTrail } from "@/server/api-keys/key-audit-trail";
import { apiKeyAuditTrailOperation } from "@/server/api-keys/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(apiKeyAuditTrailOperation, async ({ ctx, params }) =>
  ok(await keyAuditTrail(ctx, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
