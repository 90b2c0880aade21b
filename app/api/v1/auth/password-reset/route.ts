import { requestPasswordResetOperation } from "@/server/accounts/operations";
import { requestPasswordReset } from "@/server/accounts/password-reset";
import { PASSWORD_RESET_ACCEPTED_MESSAGE } from "@/server/accounts/schemas";
import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";

export const POST = withPublicApi(requestPasswordResetOperation, async ({ body, ctx }) => {
  await requestPasswordReset(body, ctx);
  return json({ data: { status: "accepted", message: PASSWORD_RESET_ACCEPTED_MESSAGE } }, 202);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
