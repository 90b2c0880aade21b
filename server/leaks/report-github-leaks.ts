import type { PublicContext } from "@/server/auth/auth-context";
import { hashToken } from "@/server/tokens/format";
import { handleLeakReport } from "./handle-leak-report";
import type { GithubLeakReport } from "./schemas";

export interface GithubFeedback {
  token_hash: string;
  token_type: string;
  label: "true_positive" | "false_positive";
}

/**
 * A report GitHub signed (the door checked the signature on the raw body): revoke what still
 * works, and label every token, in GitHub's order, for its feedback.
 */
export async function reportGithubLeaks(
  report: GithubLeakReport,
  meta: PublicContext,
): Promise<GithubFeedback[]> {
  const ours = await handleLeakReport(
    report.map((item) => ({
      token: item.token,
      url: item.url ?? null,
      source: item.source ?? "github",
    })),
    { channel: "github_secret_scanning", ip: meta.ip },
  );
  return report.map((item) => {
    const tokenHash = hashToken(item.token);
    return {
      token_hash: tokenHash,
      token_type: item.type,
      label: ours.has(tokenHash) ? "true_positive" : "false_positive",
    };
  });
}
