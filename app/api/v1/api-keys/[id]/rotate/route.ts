import { rotateApiKeyOperation } from "@/server/api-keys/operations";
import { rotateApiKey } from "@/server/api-keys/rotate-api-key";
import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const POST = withApi(rotateApiKeyOperation, async ({ ctx, params, body }) => {
  const { key, secret, previous } = await rotateApiKey(ctx, params.id, body);
  return ok({ ...key, key: secret, previous_key: previous }, NO_STORE);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
