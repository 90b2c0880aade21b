import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { confirmPasswordResetOperation } from "@/server/users/account-operations";
import { confirmPasswordReset } from "@/server/users/password-reset";

export const POST = withPublicApi(confirmPasswordResetOperation, async ({ body, ctx }) =>
  ok(await confirmPasswordReset(body, ctx)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
