import { getDb } from "@/db";
import { findAccessibleKey } from "@/server/api-keys/find-api-key";
import { toPublicApiKey } from "@/server/api-keys/public-api-key";
import { renameApiKey } from "@/server/api-keys/rename-api-key";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { updateApiKeySchema } from "@/server/api-keys/schemas";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

type Params = { id: string };

// GET /api/v1/api-keys/:id: one key of the current organization
export const GET = withApi<Params>(
  { route: "/api-keys/{id}", scope: "read:api-keys" },
  async ({ ctx, params }) =>
    ok(toPublicApiKey(await findAccessibleKey(await getDb(), ctx, params.id))),
);

// PATCH /api/v1/api-keys/:id: rename a key
export const PATCH = withApi<Params, { name: string }>(
  { route: "/api-keys/{id}", scope: "write:api-keys", body: updateApiKeySchema },
  async ({ ctx, params, body }) => ok(await renameApiKey(ctx, params.id, body.name)),
);

// DELETE /api/v1/api-keys/:id: revoke a key; it fails from the next request on
export const DELETE = withApi<Params>(
  { route: "/api-keys/{id}", scope: "write:api-keys" },
  async ({ ctx, params }) => ok(await revokeApiKey(ctx, params.id)),
);

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
