import { ENTITLEMENT_LABELS, type Entitlements, type Plan } from "@/lib/plans";
import type { Scope } from "@/lib/scopes";
import type { Credential } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";

/**
 * Why a request's credential was refused (401 `details.reason`). Every 401 keeps the guide's
 * message ("Invalid or missing authentication token"); the reason names the cause and the hint
 * says what to do. The first six are decided from the header's own text, with no database work.
 */
export const UNAUTHORIZED_REASONS = [
  "missing_header",
  "missing_bearer_prefix",
  "malformed",
  "checksum_mismatch",
  "wrong_environment",
  "refresh_token_not_accepted",
  "unknown",
  "expired",
  "revoked",
  "pending_approval",
] as const;
export type UnauthorizedReason = (typeof UNAUTHORIZED_REASONS)[number];

/** Why a credential that authenticated may not do this (403 `details.reason`). */
export const FORBIDDEN_REASONS = [
  "missing_scope",
  "organization_not_allowed",
  "ip_not_allowed",
  "plan",
] as const;
export type ForbiddenReason = (typeof FORBIDDEN_REASONS)[number];

export const UNAUTHORIZED_HINTS: Record<UnauthorizedReason, string> = {
  missing_header:
    "Send the token in the Authorization header: `Authorization: Bearer YOUR_API_KEY`.",
  missing_bearer_prefix:
    'Put "Bearer" and a space before the token: `Authorization: Bearer YOUR_API_KEY`.',
  malformed:
    "This is not a Voltasis token: tokens look like vlt_live_… or vlt_test_…, with no spaces or quotes. Copy the whole token again.",
  checksum_mismatch:
    "The token's checksum does not match: a character was mistyped or cut off. Copy the whole token again.",
  wrong_environment:
    "This key belongs to the other environment: make sure you are using the correct environment (dev/prod).",
  refresh_token_not_accepted:
    "A refresh token cannot authenticate requests: exchange it at POST /api/v1/auth/refresh.",
  unknown:
    "No credential matches this token: check that you copied all of it, or create a new key in Settings > API Keys.",
  expired:
    "This credential has expired: create a new API key in Settings > API Keys, or sign in again.",
  revoked:
    "This credential was revoked: create a new API key in Settings > API Keys, or sign in again.",
  pending_approval:
    "Your organization requires an admin to approve new keys: this one works once an owner or admin approves it in Settings > API Keys.",
};

export const FORBIDDEN_HINTS: Record<ForbiddenReason, string> = {
  missing_scope:
    "The credential lacks the scope in `required_scope`: create a key that has it (your role must allow it).",
  organization_not_allowed:
    "This credential cannot act in that organization or on its resources: use a credential of the organization that owns them.",
  ip_not_allowed:
    "This key may be used only from the addresses in its allowlist: call from one of them, or change the key's allowed IPs.",
  plan: "Your organization's plan does not include this: an owner can move it to the plan in `required_plan`.",
};

/** A 401 with the guide's message, naming why (and, where it helps, a more specific hint). */
export function unauthorized(reason: UnauthorizedReason, hint = UNAUTHORIZED_HINTS[reason]) {
  return new ApiError("UNAUTHORIZED", undefined, { reason, hint });
}

/** Who a refused credential belongs to: enough to file the request in its holder's log. */
export type KnownCredential = Pick<Credential, "type" | "id" | "userId" | "organizationId">;

/**
 * A 401 for a credential we found (revoked, expired): the same answer as any other, and the
 * request log files the request under that credential (with-api.ts).
 */
export class CredentialRefused extends ApiError {
  constructor(
    reason: "expired" | "revoked" | "pending_approval",
    readonly credential: KnownCredential,
  ) {
    super("UNAUTHORIZED", undefined, { reason, hint: UNAUTHORIZED_HINTS[reason] });
  }
}

/** 403 for a scope the request does not hold; `required_scope` is what step-up asks for. */
export function missingScope(scope: Scope) {
  return new ApiError("FORBIDDEN", undefined, {
    reason: "missing_scope",
    required_scope: scope,
    hint: FORBIDDEN_HINTS.missing_scope,
  });
}

/**
 * 403 for another organization, or one that does not exist: the same answer for both, so that
 * it never tells whether an organization (or a resource id) exists elsewhere.
 */
export function organizationNotAllowed() {
  return new ApiError("FORBIDDEN", undefined, {
    reason: "organization_not_allowed",
    hint: FORBIDDEN_HINTS.organization_not_allowed,
  });
}

/**
 * 403 for what the organization's plan does not include (a feature, or more than its cap):
 * `feature` names it and `required_plan` is the first plan that does.
 */
export function notInPlan(
  feature: keyof Entitlements,
  required: Plan,
  extra: Record<string, unknown> = {},
) {
  return new ApiError("FORBIDDEN", undefined, {
    reason: "plan",
    feature,
    required_plan: required,
    ...extra,
    hint: `${ENTITLEMENT_LABELS[feature]}: not included in your organization's plan. ${FORBIDDEN_HINTS.plan}`,
  });
}
