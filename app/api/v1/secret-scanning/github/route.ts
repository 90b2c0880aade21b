import { otherMethods } from "@/server/http/method-not-allowed";
import { decodeUtf8, parseBody, readLimitedBytes } from "@/server/http/read-body";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { GITHUB_REPORT_MAX_BYTES, githubLeakReportOperation } from "@/server/leaks/operations";
import { reportGithubLeaks } from "@/server/leaks/report-github-leaks";
import { verifyGithubSignature } from "@/server/leaks/verify-github-signature";

// The signature covers the exact bytes GitHub sent: they are read here (up to 1 MiB) and
// checked before anything is parsed, so the wrapper is given the operation without its body.
const { body: reportSchema, ...unsigned } = githubLeakReportOperation;

export const POST = withPublicApi(unsigned, async ({ req, ctx }) => {
  const raw = await readLimitedBytes(req, GITHUB_REPORT_MAX_BYTES);
  await verifyGithubSignature(req.headers, raw);
  const report = parseBody(decodeUtf8(raw), req.headers.get("content-type"), reportSchema) ?? [];
  return json(await reportGithubLeaks(report, ctx));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
