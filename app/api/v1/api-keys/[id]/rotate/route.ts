import { rotateApiKey } from "@/server/api-keys/rotate-api-key";
import { type RotateApiKeyInput, rotateApiKeySchema } from "@/server/api-keys/schemas";
import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

// POST /api/v1/api-keys/:id/rotate: new secret, same name and scopes; the old key retires
// after grace_seconds (0 = now)
export const POST = withApi<{ id: string }, RotateApiKeyInput>(
  { route: "/api-keys/{id}/rotate", scope: "write:api-keys", body: rotateApiKeySchema },
  async ({ ctx, params, body }) => {
    const { key, secret, previous } = await rotateApiKey(ctx, params.id, body);
    return ok({ ...key, key: secret, previous_key: previous }, NO_STORE);
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
