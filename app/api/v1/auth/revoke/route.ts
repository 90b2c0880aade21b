import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { revokeTokenOperation } from "@/server/tokens/operations";
import { revokeUserToken } from "@/server/tokens/revoke-user-token";

export const POST = withPublicApi(revokeTokenOperation, async ({ body, ctx }) => {
  await revokeUserToken(body, ctx);
  return ok({ revoked: true });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
