import { createApiKey } from "@/server/api-keys/create-api-key";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { createApiKeySchema, listApiKeysQuerySchema } from "@/server/api-keys/schemas";
import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/pagination";
import { created, NO_STORE } from "@/server/http/responses";
import { parseOrThrow } from "@/server/http/validation";
import { withApi } from "@/server/http/with-api";

// GET /api/v1/api-keys: a page of the organization's keys (a member's own keys only)
export const GET = withApi({ route: "/api-keys", scope: "read:api-keys" }, async ({ req, ctx }) => {
  const query = parseOrThrow(
    listApiKeysQuerySchema,
    Object.fromEntries(new URL(req.url).searchParams),
  );
  return pageResponse(await listApiKeys(ctx, query));
});

// POST /api/v1/api-keys: create a key; the secret is in data.key, shown this once
export const POST = withApi(
  { route: "/api-keys", scope: "write:api-keys", body: createApiKeySchema },
  async ({ ctx, body }) => {
    const { key, secret } = await createApiKey(ctx, body);
    return created({ ...key, key: secret }, NO_STORE);
  },
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
