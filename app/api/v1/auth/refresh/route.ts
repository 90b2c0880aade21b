import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { refreshTokenOperation } from "@/server/tokens/operations";
import { refreshTokenPair } from "@/server/tokens/refresh-token-pair";

// The presented refresh token is spent.
export const POST = withPublicApi(refreshTokenOperation, async ({ body, ctx }) =>
  ok(await refreshTokenPair(body.refresh_token, ctx), { ...NO_STORE, Pragma: "no-cache" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
