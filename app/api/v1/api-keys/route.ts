import { createApiKey } from "@/server/api-keys/create-api-key";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { createApiKeyOperation, listApiKeysOperation } from "@/server/api-keys/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { created, NO_STORE, pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(listApiKeysOperation, async ({ ctx, query }) =>
  pageResponse(await listApiKeys(ctx, query)),
);

// The secret is in data.key, shown this once.
export const POST = withApi(createApiKeyOperation, async ({ ctx, body }) => {
  const { key, secret } = await createApiKey(ctx, body);
  return created({ ...key, key: secret }, NO_STORE);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
