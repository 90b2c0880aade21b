import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { type RefreshTokenInput, refreshTokenSchema } from "@/server/tokens/schemas";
import { refreshTokenPair } from "@/server/tokens/user-tokens";

// POST /api/v1/auth/refresh: a refresh token for a new pair; the presented one is spent
export const POST = withPublicApi<Record<string, string>, RefreshTokenInput>(
  { route: "/auth/refresh", body: refreshTokenSchema },
  async ({ body }) =>
    ok(await refreshTokenPair(body.refresh_token), { ...NO_STORE, Pragma: "no-cache" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
