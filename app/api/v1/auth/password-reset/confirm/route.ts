import { confirmPasswordResetOperation } from "@/server/accounts/operations";
import { confirmPasswordReset } from "@/server/accounts/password-reset";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";

export const POST = withPublicApi(confirmPasswordResetOperation, async ({ body, ctx }) =>
  ok(await confirmPasswordReset(body, ctx)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
