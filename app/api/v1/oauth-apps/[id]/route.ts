import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { deleteOAuthApp } from "@/server/oauth-apps/delete-oauth-app";
import { getOAuthApp } from "@/server/oauth-apps/get-oauth-app";
import {
  deleteOAuthAppOperation,
  getOAuthAppOperation,
  updateOAuthAppOperation,
} from "@/server/oauth-apps/operations";
import { updateOAuthApp } from "@/server/oauth-apps/update-oauth-app";

export const GET = withApi(getOAuthAppOperation, async ({ ctx, params }) =>
  ok(await getOAuthApp(ctx, params.id)),
);

export const PATCH = withApi(updateOAuthAppOperation, async ({ ctx, params, body }) =>
  ok(await updateOAuthApp(ctx, params.id, body)),
);

// Its grants and tokens are refused from the next request on.
export const DELETE = withApi(deleteOAuthAppOperation, async ({ ctx, params }) =>
  ok({ ...(await deleteOAuthApp(ctx, params.id)), deleted: true }),
);

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
