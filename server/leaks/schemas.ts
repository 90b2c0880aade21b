import { z } from "zod";

/** GitHub's secret scanning report: one entry per match it found. */
export const githubLeakReportSchema = z
  .array(
    z.object({
      token: z.string().max(4096),
      type: z.string().max(200),
      url: z.string().max(4096).optional(),
      source: z.string().max(200).optional(),
    }),
  )
  .max(10_000)
  .meta({ id: "GithubSecretScanningReport" });
export type GithubLeakReport = z.infer<typeof githubLeakReportSchema>;

export const GITHUB_LABELS = ["true_positive", "false_positive"] as const;

/** GitHub's feedback: whether each reported token is a secret of ours (live, revoked or expired). */
export const githubLeakFeedbackSchema = z
  .array(
    z.object({
      token_hash: z.string().meta({ description: "SHA-256 of the token, hex" }),
      token_type: z.string(),
      label: z.enum(GITHUB_LABELS),
    }),
  )
  .meta({ id: "GithubSecretScanningFeedback" });

export const MAX_REPORTED_TOKENS = 100;

export const credentialReportSchema = z
  .object({
    tokens: z
      .array(z.string().max(4096))
      .min(1)
      .max(MAX_REPORTED_TOKENS, `at most ${MAX_REPORTED_TOKENS} tokens per report`),
    url: z.string().max(4096).optional(),
  })
  .meta({ id: "CredentialReport" });
export type CredentialReport = z.infer<typeof credentialReportSchema>;

export const CREDENTIAL_REPORT_ACCEPTED_MESSAGE =
  "Thank you. Every Voltasis secret in this report that still worked has been revoked, and its owners told.";

export const credentialReportAcceptedSchema = z
  .object({
    status: z.literal("accepted"),
    message: z.literal(CREDENTIAL_REPORT_ACCEPTED_MESSAGE),
  })
  .meta({ id: "CredentialReportAccepted" });
