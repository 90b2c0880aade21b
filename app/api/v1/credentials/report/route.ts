import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { credentialReportOperation } from "@/server/leaks/operations";
import { reportCredentials } from "@/server/leaks/report-credentials";
import { CREDENTIAL_REPORT_ACCEPTED_MESSAGE } from "@/server/leaks/schemas";

// Always the same 202, whatever the tokens were: the answer is no oracle for live secrets.
export const POST = withPublicApi(credentialReportOperation, async ({ body, ctx }) => {
  await reportCredentials(body, ctx);
  return json({ data: { status: "accepted", message: CREDENTIAL_REPORT_ACCEPTED_MESSAGE } }, 202);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
