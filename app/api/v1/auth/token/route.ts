import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { createTokenOperation } from "@/server/tokens/operations";
import { passwordGrant } from "@/server/tokens/password-grant";

export const POST = withPublicApi(createTokenOperation, async ({ body }) =>
  ok(await passwordGrant(body), { ...NO_STORE, Pragma: "no-cache" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
