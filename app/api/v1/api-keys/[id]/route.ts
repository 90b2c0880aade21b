import { getApiKey } from "@/server/api-keys/find-api-key";
import {
  getApiKeyOperation,
  revokeApiKeyOperation,
  updateApiKeyOperation,
} from "@/server/api-keys/operations";
import { renameApiKey } from "@/server/api-keys/rename-api-key";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(getApiKeyOperation, async ({ ctx, params }) =>
  ok(await getApiKey(ctx, params.id)),
);

export const PATCH = withApi(updateApiKeyOperation, async ({ ctx, params, body }) =>
  ok(await renameApiKey(ctx, params.id, body.name)),
);

// Revoked keys fail from the next request on.
export const DELETE = withApi(revokeApiKeyOperation, async ({ ctx, params }) =>
  ok(await revokeApiKey(ctx, params.id)),
);

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
