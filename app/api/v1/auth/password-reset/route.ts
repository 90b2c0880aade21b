import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { requestPasswordResetOperation } from "@/server/users/account-operations";
import { PASSWORD_RESET_ACCEPTED_MESSAGE } from "@/server/users/account-schemas";
import { requestPasswordReset } from "@/server/users/password-reset";

export const POST = withPublicApi(requestPasswordResetOperation, async ({ body, ctx }) => {
  await requestPasswordReset(body, ctx);
  return json({ data: { status: "accepted", message: PASSWORD_RESET_ACCEPTED_MESSAGE } }, 202);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
