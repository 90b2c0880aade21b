import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { type RevokeTokenInput, revokeTokenSchema } from "@/server/tokens/schemas";
import { revokeUserToken } from "@/server/tokens/user-tokens";

// POST /api/v1/auth/revoke: revoke an access token, or a refresh token and its whole family
export const POST = withPublicApi<Record<string, string>, RevokeTokenInput>(
  { route: "/auth/revoke", body: revokeTokenSchema },
  async ({ body }) => {
    await revokeUserToken(body);
    return ok({ revoked: true });
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
