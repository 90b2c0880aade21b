import { z } from "zod";
import { DEFAULT_MESSAGES, ERROR_STATUS, type ErrorCode } from "@/server/http/api-error";
import { nextCursorSchema } from "@/server/http/pagination";
import { SCOPE_DESCRIPTIONS, SCOPES } from "@/server/scopes/catalogue";
import { OPERATIONS, type Operation } from "./operations";

type JsonSchema = Record<string, unknown>;

/** A zod schema as an inline JSON Schema (OpenAPI 3.1 uses JSON Schema 2020-12 as is). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    reused: "inline",
    cycles: "throw",
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...root } = converted;
  return inlineRefs(root, ($defs ?? {}) as Record<string, JsonSchema>) as JsonSchema;
}

// toJSONSchema moves schemas that carry an id into $defs and points at them with "#/$defs/…",
// which would not resolve inside an OpenAPI document: put each definition where it is used.
function inlineRefs(node: unknown, defs: Record<string, JsonSchema>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, defs));
  if (!node || typeof node !== "object") return node;
  const { $ref, ...rest } = node as JsonSchema;
  const resolved = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, inlineRefs(value, defs)]),
  );
  if (typeof $ref !== "string" || !$ref.startsWith("#/$defs/")) {
    return $ref === undefined ? resolved : { $ref, ...resolved };
  }
  const target = defs[$ref.slice("#/$defs/".length)];
  return { ...(inlineRefs(target, defs) as JsonSchema), ...resolved };
}

const STATUS_CODE: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

function errorResponse(status: number) {
  const code = STATUS_CODE[status] ?? "INTERNAL_ERROR";
  return {
    description: DEFAULT_MESSAGES[code],
    content: {
      "application/json": {
        schema: { $ref: "#/components/schemas/Error" },
        example: { error: { code, message: DEFAULT_MESSAGES[code] } },
      },
    },
  };
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function queryParameters(query: Operation["query"]) {
  if (!query) return [];
  const schema = jsonSchema(query, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: prop,
  }));
}

function requestBody(body: z.ZodType) {
  const schema = jsonSchema(body, "input");
  // A body whose every field is optional (rotate) may be left out entirely.
  const required = Array.isArray(schema.required) && schema.required.length > 0;
  return { required, content: { "application/json": { schema } } };
}

function operationObject(op: Operation) {
  const responses: Record<string, unknown> = {
    [op.success.status]: {
      description: op.success.description,
      content: {
        "application/json": {
          schema: op.unwrapped
            ? jsonSchema(op.success.data, "output")
            : op.paginated
              ? {
                  type: "object",
                  properties: {
                    data: jsonSchema(op.success.data, "output"),
                    next_cursor: jsonSchema(nextCursorSchema, "output"),
                  },
                  required: ["data", "next_cursor"],
                }
              : {
                  type: "object",
                  properties: { data: jsonSchema(op.success.data, "output") },
                  required: ["data"],
                },
        },
      },
    },
  };
  for (const status of [...op.errors, 500]) responses[status] = errorResponse(status);
  const scopeNote =
    op.scope === "public"
      ? "No authentication."
      : op.scope
        ? `Requires the \`${op.scope}\` scope.`
        : "Any valid credential.";
  return {
    operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: op.summary,
    description: [op.description, scopeNote].filter(Boolean).join("\n\n"),
    tags: [op.path.split("/")[1] ?? "api"],
    security: op.scope === "public" ? [] : [{ bearer: op.scope ? [op.scope] : [] }],
    parameters: [
      ...pathParameters(op.path),
      ...queryParameters(op.query),
      ...(op.scope === "public"
        ? []
        : [
            {
              name: "X-Organization-ID",
              in: "header",
              required: false,
              description:
                "Act in another organization (members of it, or holders of admin:organizations).",
              schema: { type: "string", pattern: "^org_[0-9A-Za-z]+$" },
            },
          ]),
    ],
    ...(op.body ? { requestBody: requestBody(op.body) } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = operationObject(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Voltasis API",
      version: "1.0.0",
      description:
        'Bearer-authenticated REST API. Send `Authorization: Bearer <API key or access token>`; errors are `{"error":{"code","message"}}`.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: `API keys (vlt_live_… / vlt_test_…) or user access tokens (vlt_at_…). Scopes: ${SCOPES.map((s) => `\`${s}\` (${SCOPE_DESCRIPTIONS[s]})`).join(", ")}`,
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: Object.keys(ERROR_STATUS) },
                message: { type: "string" },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
