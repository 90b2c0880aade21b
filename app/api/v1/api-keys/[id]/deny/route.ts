import { denyApiKey } from "@/server/api-keys/deny-api-key";
import { denyApiKeyOperation } from "@/server/api-keys/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const POST = withApi(denyApiKeyOperation, async ({ ctx, params, body }) =>
  ok(await denyApiKey(ctx, params.id, body)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
