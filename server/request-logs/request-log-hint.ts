import { FORBIDDEN_HINTS, UNAUTHORIZED_HINTS } from "@/server/auth/refusals";
import type { ErrorCode } from "@/server/core/api-error";

// For answers whose error names no reason: what the caller can do about each code.
const CODE_HINTS: Partial<Record<ErrorCode, string>> = {
  VALIDATION_ERROR:
    "The request did not match the endpoint's schema: the answer's `details` named the field. Fix it and send it again.",
  UNAUTHORIZED: UNAUTHORIZED_HINTS.unknown,
  FORBIDDEN: FORBIDDEN_HINTS.missing_scope,
  NOT_FOUND:
    "No such resource in this organization: check the id, and the organization the credential belongs to.",
  METHOD_NOT_ALLOWED:
    "This route does not take this method: the answer's Allow header lists those it takes.",
  CONFLICT: "The resource changed in a way that refuses this request: read it again, then retry.",
  PAYLOAD_TOO_LARGE: "Bodies are limited to 64 KiB: send less.",
  UNSUPPORTED_MEDIA_TYPE: "Send the body as JSON, with Content-Type: application/json.",
  RATE_LIMITED:
    "Too many requests for this key's budget: wait the seconds in Retry-After, then spread calls out (X-RateLimit-Remaining says what is left).",
  SERVICE_UNAVAILABLE:
    "The service could not reach its database: retry shortly, and check /status.",
  INTERNAL_ERROR: "An error on our side: retry, and quote the request id to support if it lasts.",
};

/** What to do about a logged answer: its reason's hint, else its code's; null for a success. */
export function requestLogHint(errorCode: string | null, reason: string | null): string | null {
  if (!errorCode) return null;
  if (reason && reason in UNAUTHORIZED_HINTS) {
    return UNAUTHORIZED_HINTS[reason as keyof typeof UNAUTHORIZED_HINTS];
  }
  if (reason && reason in FORBIDDEN_HINTS) {
    return FORBIDDEN_HINTS[reason as keyof typeof FORBIDDEN_HINTS];
  }
  return CODE_HINTS[errorCode as ErrorCode] ?? null;
}
