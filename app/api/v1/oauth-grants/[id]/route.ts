import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { revokeOAuthGrantOperation } from "@/server/oauth-grants/operations";
import { revokeOAuthGrant } from "@/server/oauth-grants/revoke-oauth-grant";

// Its tokens are refused from the next request on.
export const DELETE = withApi(revokeOAuthGrantOperation, async ({ ctx, params }) =>
  ok({ ...(await revokeOAuthGrant(ctx, params.id)), revoked: true }),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
