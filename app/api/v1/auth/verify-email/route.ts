import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { requestEmailVerificationOperation } from "@/server/users/account-operations";
import { requestEmailVerification } from "@/server/users/verify-email";

export const POST = withApi(requestEmailVerificationOperation, async ({ ctx }) =>
  json({ data: await requestEmailVerification(ctx) }, 202),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
