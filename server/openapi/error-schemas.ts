import { SCOPES } from "@/lib/scopes";
import { ERROR_STATUS, type ErrorCode } from "@/server/core/api-error";

type JsonSchema = Record<string, unknown>;

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
            description:
              "Why a well-formed credential was refused: `expired`, `revoked`, `disabled` (the account) or `membership` (no longer a member).",
          },
        },
      },
    ),
    ForbiddenError: errorEnvelope(
      { type: "string", const: "FORBIDDEN" },
      {
        type: "object",
        properties: {
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
        },
      },
    ),
  };
}
