import { z } from "zod";
import { SCOPES } from "@/lib/scopes";
import { DEFAULT_MESSAGES, ERROR_STATUS, type ErrorCode } from "@/server/core/api-error";
import type { AnyOperation } from "@/server/core/operation";
import { nextCursorSchema } from "@/server/core/pagination";
import { OPERATIONS } from "@/server/http/operations";
import { SCOPE_DESCRIPTIONS } from "@/server/scopes/catalogue";
import { errorSchemaFor, errorSchemas } from "./error-schemas";
import { RESPONSE_HEADERS, rateLimitHeaderRefs } from "./headers";

type JsonSchema = Record<string, unknown>;

/**
 * Converts zod schemas to JSON Schema (OpenAPI 3.1 uses 2020-12 as is). Schemas that carry an
 * id (`.meta({ id: "ApiKey" })`) become named `components.schemas` entries referenced by $ref,
 * so a client generator gets `components["schemas"]["ApiKey"]` instead of inline copies.
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const converted = z.toJSONSchema(schema, {
      io,
      unrepresentable: "any",
      reused: "inline",
      cycles: "throw",
    }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = converted;
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.components[name] ??= this.retarget(def) as JsonSchema;
    }
    return this.retarget(root) as JsonSchema;
  }

  private retarget(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((item) => this.retarget(item));
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === "$ref" && typeof value === "string"
          ? value.replace("#/$defs/", "#/components/schemas/")
          : this.retarget(value),
      ]),
    );
  }
}

/** A zod schema as one self-contained JSON Schema, for rendering field tables. */
export function inlineJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" });
  const { $schema: _dialect, $defs, ...root } = converted as JsonSchema;
  return inlineRefs(root, ($defs ?? {}) as Record<string, JsonSchema>) as JsonSchema;
}

function inlineRefs(node: unknown, defs: Record<string, JsonSchema>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, defs));
  if (!node || typeof node !== "object") return node;
  const { $ref, ...rest } = node as JsonSchema;
  const resolved = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, inlineRefs(value, defs)]),
  );
  if (typeof $ref !== "string" || !$ref.startsWith("#/$defs/")) return resolved;
  return { ...(inlineRefs(defs[$ref.slice("#/$defs/".length)], defs) as JsonSchema), ...resolved };
}

const STATUS_CODE: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

/**
 * The error statuses an operation can answer, derived from what it declares: every operation
 * may be rate limited, find the database down or fail; authenticated ones answer 401/403; one
 * that reads a body or parses its query answers 400 (and 413/415 for bodies); every path
 * answers 405 to the methods it does not serve.
 */
export function errorStatuses(op: AnyOperation): number[] {
  const statuses = [
    405,
    429,
    500,
    503,
    ...op.errors,
    ...(op.scope === "public" ? [] : [401, 403]),
    // Authenticated writes vet any body they are sent (JSON only, 64 KiB); public ones only
    // the body they declare.
    ...(op.body || (op.scope !== "public" && op.method !== "GET") ? [400, 413, 415] : []),
    ...(op.query ? [400] : []),
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
}

function errorResponse(status: number) {
  const code = STATUS_CODE[status] ?? "INTERNAL_ERROR";
  const headers: Record<string, unknown> = { ...rateLimitHeaderRefs() };
  if (status === 401)
    headers["WWW-Authenticate"] = { $ref: "#/components/headers/WWW-Authenticate" };
  if (status === 405) headers.Allow = { $ref: "#/components/headers/Allow" };
  if (status === 429 || status === 503) {
    headers["Retry-After"] = { $ref: "#/components/headers/Retry-After" };
  }
  return {
    description: DEFAULT_MESSAGES[code],
    headers,
    content: {
      "application/json": {
        schema: { $ref: `#/components/schemas/${errorSchemaFor(code)}` },
        example: { error: { code, message: DEFAULT_MESSAGES[code] } },
      },
    },
  };
}

function pathParameters(op: AnyOperation, schemas: SchemaCollector) {
  const declared = op.params
    ? ((schemas.convert(op.params, "input").properties ?? {}) as Record<string, JsonSchema>)
    : {};
  return [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name = ""]) => ({
    name,
    in: "path",
    required: true,
    schema: declared[name] ?? { type: "string" },
  }));
}

function queryParameters(op: AnyOperation, schemas: SchemaCollector) {
  if (!op.query) return [];
  const schema = schemas.convert(op.query, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(typeof prop.description === "string" ? { description: prop.description } : {}),
    schema: prop,
  }));
}

function requestBody(body: z.ZodType, example: unknown, schemas: SchemaCollector) {
  const schema = schemas.convert(body, "input");
  // A body whose every field is optional (rotate) may be left out entirely.
  return {
    required: hasRequiredFields(body),
    content: { "application/json": { schema, ...(example === undefined ? {} : { example }) } },
  };
}

function hasRequiredFields(body: z.ZodType): boolean {
  const inline = inlineJsonSchema(body, "input");
  return Array.isArray(inline.required) && inline.required.length > 0;
}

/** "GET /api-keys/{id}/rotate" -> "postApiKeysByIdRotate": stable names for generated clients. */
export function operationId(op: AnyOperation): string {
  const words = op.path
    .replace(/\{(\w+)\}/g, "by-$1")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return `${op.method.toLowerCase()}${words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("")}`;
}

/** A download's success response: its media type, an example and the attachment header. */
function downloadResponse(op: AnyOperation, download: { mediaType: string; example: string }) {
  return {
    description: op.response.description,
    headers: {
      ...rateLimitHeaderRefs(),
      "Content-Disposition": { $ref: "#/components/headers/Content-Disposition" },
    },
    content: {
      [download.mediaType]: { schema: { type: "string" }, example: download.example },
    },
  };
}

/** The success response: JSON (`{"data": …}`, a list page, or unwrapped), or a download. */
function successResponse(op: AnyOperation, schemas: SchemaCollector) {
  if (op.response.download) return downloadResponse(op, op.response.download);
  const data = schemas.convert(op.response.schema, "output");
  return {
    description: op.response.description,
    headers: {
      ...rateLimitHeaderRefs(),
      ...(op.scope === "public"
        ? {}
        : {
            "Voltasis-Authentication-Token-Expiration": {
              $ref: "#/components/headers/Voltasis-Authentication-Token-Expiration",
            },
          }),
    },
    content: {
      "application/json": {
        schema: op.response.unwrapped
          ? data
          : op.response.paginated
            ? {
                type: "object",
                properties: { data, next_cursor: schemas.convert(nextCursorSchema, "output") },
                required: ["data", "next_cursor"],
              }
            : { type: "object", properties: { data }, required: ["data"] },
      },
    },
  };
}

function operationObject(op: AnyOperation, schemas: SchemaCollector) {
  const responses: Record<string, unknown> = {
    [op.response.status]: successResponse(op, schemas),
  };
  for (const status of errorStatuses(op)) responses[status] = errorResponse(status);
  const scopeNote =
    op.scope === "public"
      ? "No authentication."
      : op.scope === "authenticated"
        ? "Any valid credential."
        : `Requires the \`${op.scope}\` scope.`;
  const bearer = op.scope === "authenticated" ? [] : [op.scope];
  return {
    operationId: operationId(op),
    summary: op.summary,
    description: [op.description, scopeNote].filter(Boolean).join("\n\n"),
    tags: [op.path.split("/")[1] ?? "api"],
    // Either a Bearer key or token, or an OAuth app's token granted the same scope; no app is
    // ever granted admin:organizations, so those operations take a Bearer credential only.
    security:
      op.scope === "public"
        ? []
        : op.scope === "admin:organizations"
          ? [{ bearer }]
          : [{ bearer }, { oauth2: bearer }],
    parameters: [
      ...pathParameters(op, schemas),
      ...queryParameters(op, schemas),
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
    ...(op.body ? { requestBody: requestBody(op.body, op.example, schemas) } : {}),
    responses,
  };
}

const built = new Map<string, ReturnType<typeof buildDocument>>();

/** The OpenAPI 3.1 document served at /api/v1/openapi.json, built once per server URL. */
export function openApiDocument(serverUrl: string) {
  let document = built.get(serverUrl);
  if (!document) {
    document = buildDocument(serverUrl);
    built.set(serverUrl, document);
  }
  return document;
}

/** A map over OPERATIONS. */
function buildDocument(serverUrl: string) {
  const schemas = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method.toLowerCase()] = operationObject(
      op,
      schemas,
    );
  }
  const tags = [...new Set(OPERATIONS.map((op) => op.path.split("/")[1] ?? "api"))].map((name) => ({
    name,
    description: `The ${name} operations.`,
  }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Voltasis API",
      version: "1.0.0",
      description:
        'Bearer-authenticated REST API. Send `Authorization: Bearer <API key or access token>`; errors are `{"error":{"code","message"}}`.',
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: serverUrl }],
    tags,
    paths,
    components: {
      securitySchemes: {
        oauth2: oauthScheme(serverUrl),
        bearer: {
          type: "http",
          scheme: "bearer",
          description: `API keys (vlt_live_… / vlt_test_…), user access tokens (vlt_at_…) or OAuth apps' access tokens (vlt_oat_…). Scopes: ${SCOPES.map((s) => `\`${s}\` (${SCOPE_DESCRIPTIONS[s]})`).join(", ")}`,
        },
      },
      headers: RESPONSE_HEADERS,
      schemas: { ...schemas.components, ...errorSchemas() },
    },
  };
}

/**
 * Third-party apps (README: OAuth 2.1): the authorization code flow with PKCE at the
 * authorization server beside this API, with the scopes an app may ask for.
 */
function oauthScheme(serverUrl: string) {
  const origin = serverUrl.replace(/\/api\/v1$/, "");
  return {
    type: "oauth2",
    description:
      "For third-party apps acting for a user who consented. PKCE (S256) is required; discovery at /.well-known/oauth-authorization-server. Tokens are vlt_oat_… (1 hour) with a rotating vlt_ort_… refresh token.",
    flows: {
      authorizationCode: {
        authorizationUrl: `${origin}/api/oauth/authorize`,
        tokenUrl: `${origin}/api/oauth/token`,
        refreshUrl: `${origin}/api/oauth/token`,
        scopes: Object.fromEntries(
          SCOPES.filter((s) => s !== "admin:organizations").map((s) => [s, SCOPE_DESCRIPTIONS[s]]),
        ),
      },
    },
  };
}
