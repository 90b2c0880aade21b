import { getApiKeyDetail } from "@/server/api-keys/api-key-detail";
import {
  getApiKeyOperation,
  revokeApiKeyOperation,
  updateApiKeyOperation,
} from "@/server/api-keys/operations";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { updateApiKey } from "@/server/api-keys/update-api-key";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(getApiKeyOperation, async ({ ctx, params }) =>
  ok(await getApiKeyDetail(ctx, params.id)),
);

export const PATCH = withApi(updateApiKeyOperation, async ({ ctx, params, body }) =>
  ok(await updateApiKey(ctx, params.id, body)),
);

// Revoked keys fail from the next request on.
export const DELETE = withApi(revokeApiKeyOperation, async ({ ctx, params }) =>
  ok(await revokeApiKey(ctx, params.id)),
);

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
