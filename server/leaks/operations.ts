import { defineOperation } from "@/server/core/operation";
import { LEAK_REPORT_LIMIT } from "@/server/rate-limit/rate-limiter";
import {
  credentialReportAcceptedSchema,
  credentialReportSchema,
  githubLeakFeedbackSchema,
  githubLeakReportSchema,
  MAX_REPORTED_TOKENS,
} from "./schemas";

/** GitHub may batch a thousand matches in one report: more than the 64 KiB of other routes. */
export const GITHUB_REPORT_MAX_BYTES = 1024 * 1024;

export const githubLeakReportOperation = defineOperation({
  method: "POST",
  path: "/secret-scanning/github",
  summary: "GitHub secret scanning report",
  description: `GitHub's secret scanning partner program posts the Voltasis secrets it finds in public repositories here. The raw body must be signed by GitHub (\`Github-Public-Key-Signature\`: ECDSA P-256 over SHA-256, base64 DER; \`Github-Public-Key-Identifier\`: a key GitHub publishes at GITHUB_SECRET_SCANNING_KEYS_URL); otherwise 401 and nothing changes. Every reported secret that still works is revoked at once (a webhook signing secret is reported to its owners, not rotated), audited, its owner and the organization's owners are mailed, and the \`api_key.exposed\` webhook event fires. The answer labels each token: \`true_positive\` for a Voltasis secret (live, revoked or expired), \`false_positive\` otherwise. Bodies up to ${GITHUB_REPORT_MAX_BYTES / 1024} KiB.`,
  scope: "public",
  body: githubLeakReportSchema,
  example: [
    {
      token: "vlt_live_…",
      type: "voltasis_api_key",
      url: "https://github.com/octo/repo/blob/main/.env",
      source: "content",
    },
  ],
  response: {
    status: 200,
    schema: githubLeakFeedbackSchema,
    description: "A label for each reported token",
    unwrapped: true,
  },
  errors: [401, 503],
});

export const credentialReportOperation = defineOperation({
  method: "POST",
  path: "/credentials/report",
  summary: "Report leaked Voltasis secrets",
  description: `Anyone who finds Voltasis secrets where they should not be (up to ${MAX_REPORTED_TOKENS} per report, with the \`url\` where they were found) reports them here, with no credential, like GitHub's credential revocation API. Each one that still works is revoked at once, audited, and its owner and the organization's owners are mailed. Always 202 with the same body, whatever the tokens were, so the endpoint says nothing about which secrets exist. ${LEAK_REPORT_LIMIT} reports a minute per client address (429 after), besides the per-IP budget.`,
  scope: "public",
  body: credentialReportSchema,
  example: { tokens: ["vlt_live_…"], url: "https://pastebin.example/abc" },
  response: {
    status: 202,
    schema: credentialReportAcceptedSchema,
    description: "Accepted: whatever in it was a working Voltasis secret is revoked",
  },
  errors: [],
});

export const LEAK_OPERATIONS = [githubLeakReportOperation, credentialReportOperation];
