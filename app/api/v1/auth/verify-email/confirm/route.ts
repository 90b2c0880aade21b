import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { confirmEmailVerificationOperation } from "@/server/users/account-operations";
import { confirmEmailVerification } from "@/server/users/verify-email";

export const POST = withPublicApi(confirmEmailVerificationOperation, async ({ body, ctx }) =>
  ok(await confirmEmailVerification(body, ctx)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
