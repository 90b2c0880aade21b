import { ENTITLEMENT_LABELS, PLANS } from "@/lib/plans";
import { SCOPES } from "@/lib/scopes";
import { FORBIDDEN_REASONS, UNAUTHORIZED_REASONS } from "@/server/auth/refusals";
import { ERROR_STATUS, type ErrorCode } from "@/server/core/api-error";

type JsonSchema = Record<string, unknown>;

// 401 reasons of the two doors that take no Bearer credential (refresh-token-pair.ts,
// verify-github-signature.ts): in the same enum, since every 401 shares one schema.
const TOKEN_EXCHANGE_REASONS = ["reused", "membership"] as const;
const SIGNATURE_REASONS = ["missing_signature", "unknown_key", "bad_signature"] as const;

function errorEnvelope(code: JsonSchema, details?: JsonSchema): JsonSchema {
  return {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code,
          message: { type: "string", description: "For people; may change between versions." },
          ...(details ? { details } : {}),
        },
      },
    },
  };
}

/** The codes whose `details` have a shape of their own; every other code has no details. */
const DETAILED: Partial<Record<ErrorCode, string>> = {
  VALIDATION_ERROR: "ValidationError",
  UNAUTHORIZED: "UnauthorizedError",
  FORBIDDEN: "ForbiddenError",
  CONFLICT: "ConflictError",
};

export function errorSchemaFor(code: ErrorCode): string {
  return DETAILED[code] ?? "Error";
}

/** `Error` and the errors with typed `details`, for `components.schemas`. */
export function errorSchemas(): Record<string, JsonSchema> {
  const plainCodes = (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((c) => !DETAILED[c]);
  return {
    Error: errorEnvelope({ type: "string", enum: plainCodes }),
    FieldError: {
      type: "object",
      required: ["field", "message"],
      properties: {
        field: { type: "string", description: "Dotted path of the field, or `body`." },
        message: { type: "string" },
      },
    },
    ValidationError: errorEnvelope(
      { type: "string", const: "VALIDATION_ERROR" },
      { type: "array", items: { $ref: "#/components/schemas/FieldError" } },
    ),
    UnauthorizedError: errorEnvelope(
      { type: "string", const: "UNAUTHORIZED" },
      {
        type: "object",
        properties: {
          reason: {
            type: "string",
            enum: [...UNAUTHORIZED_REASONS, ...TOKEN_EXCHANGE_REASONS, ...SIGNATURE_REASONS],
            description: [
              "Why the request was refused; the message stays the same for every reason.",
              "`missing_header`, `missing_bearer_prefix`, `malformed`, `checksum_mismatch`,",
              "`wrong_environment` and `refresh_token_not_accepted` are decided from the",
              "header's text alone; `unknown`, `expired` and `revoked` (also: the account was",
              "disabled, or its user left the organization) after the lookup.",
              "`POST /auth/refresh` adds `reused` (a spent refresh token was replayed: its whole",
              "family is revoked) and `membership` (its user left the organization); the GitHub",
              "secret-scanning endpoint answers `missing_signature`, `unknown_key` or",
              "`bad_signature`.",
            ].join(" "),
          },
          hint: { type: "string", description: "What to do about it, for people." },
        },
      },
    ),
    ForbiddenError: errorEnvelope(
      { type: "string", const: "FORBIDDEN" },
      {
        type: "object",
        properties: {
          reason: {
            type: "string",
            enum: [...FORBIDDEN_REASONS],
            description:
              "`missing_scope` (with `required_scope`), `organization_not_allowed` (another organization, or one that does not exist: the same answer), `ip_not_allowed` (with `ip`), `plan` (with `feature` and `required_plan`: the organization's plan does not include it). Absent when the message itself says why (a rule of roles, or of the organization's `policy`).",
          },
          hint: { type: "string", description: "What to do about it, for people." },
          required_scope: { type: "string", enum: [...SCOPES] },
          scopes: {
            type: "array",
            items: { type: "string", enum: [...SCOPES] },
            description: "Scopes asked for that the caller does not hold.",
          },
          ip: {
            type: "string",
            description:
              "The client address an API key was presented from, outside the key's `allowed_ips`.",
          },
          feature: {
            type: "string",
            enum: Object.keys(ENTITLEMENT_LABELS),
            description: "With `plan`: what the plan does not include (or caps lower).",
          },
          required_plan: {
            type: "string",
            enum: [...PLANS],
            description: "With `plan`: the first plan that includes it.",
          },
          limit: { type: "integer", description: "With `plan` on `active_keys`: the plan's cap." },
          audit_log_days: {
            type: "integer",
            description: "With `plan` on `audit_log_days`: how far back the plan reads.",
          },
          policy: {
            type: "string",
            enum: ["key_creators"],
            description: "The organization's credential policy that refused it.",
          },
        },
      },
    ),
    ConflictError: errorEnvelope(
      { type: "string", const: "CONFLICT" },
      {
        oneOf: [
          {
            type: "object",
            properties: {
              limit: { type: "integer", description: "The cap that was reached." },
              status: {
                type: "string",
                description: "The key's status, when not awaiting approval.",
              },
              approval: {
                enum: ["pending", "approved", "denied", null],
                description: "The key's approval, when not awaiting approval.",
              },
            },
          },
          {
            type: "array",
            items: {
              type: "object",
              properties: {
                field: { type: "string" },
                message: { type: "string" },
                invitation_id: { type: "string", description: "The pending invitation." },
              },
            },
          },
        ],
        description:
          'What the conflict is with, where it helps: `limit` (a cap reached), `status` and `approval` (a key not awaiting approval), or `[{"invitation_id"}]` (the pending invitation).',
      },
    ),
  };
}
