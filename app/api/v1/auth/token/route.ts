import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { passwordGrant } from "@/server/tokens/password-grant";
import { type CreateTokenInput, createTokenSchema } from "@/server/tokens/schemas";

// POST /api/v1/auth/token: email and password for an access token (24 h) and a refresh token (30 d)
export const POST = withPublicApi<Record<string, string>, CreateTokenInput>(
  { route: "/auth/token", body: createTokenSchema },
  async ({ body }) => ok(await passwordGrant(body), { ...NO_STORE, Pragma: "no-cache" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
