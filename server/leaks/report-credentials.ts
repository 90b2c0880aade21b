import { nowMs } from "@/lib/clock";
import type { PublicContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { addressBudgetKey } from "@/server/core/client-ip";
import { processRateLimiter } from "@/server/rate-limit/consume";
import { handleLeakReport } from "./handle-leak-report";
import type { CredentialReport } from "./schemas";

/**
 * POST /credentials/report: anyone's report of leaked secrets. Revokes what still works and
 * answers nothing about it (the door always says 202, the same body): it cannot be used to learn
 * whether a string is a live secret. Budgeted per client address before any other work.
 */
export async function reportCredentials(
  report: CredentialReport,
  meta: PublicContext,
): Promise<void> {
  const decision = await processRateLimiter().consume({
    kind: "report",
    key: addressBudgetKey(meta.ip),
  });
  if (!decision.allowed) {
    throw new ApiError(
      "RATE_LIMITED",
      "Too many leak reports from this address: retry after the time in Retry-After",
      undefined,
      Math.max(1, Math.ceil((decision.resetAt - nowMs()) / 1000)),
    );
  }
  await handleLeakReport(
    report.tokens.map((token) => ({ token, url: report.url ?? null, source: "public_report" })),
    { channel: "public_report", ip: meta.ip },
  );
}
