import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import type { AnyOperation as Operation } from "@/server/core/operation";
import { type Invoked, invoke } from "./invoke";

type Schema = Record<string, unknown>;
interface ResponseObject {
  content?: Record<string, { schema?: Schema }>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The document as clients get it: through GET /api/v1/openapi.json's own handler. */
export async function fetchOpenApiDocument(): Promise<OpenApiDocument> {
  const res = await invoke<OpenApiDocument>(openapiRoute.GET, { path: "/openapi.json" });
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  return res.body;
}

/** Responses that exist to hand over a secret: the only ones allowed to carry one. */
const SECRET_RESPONSES = new Set([
  "post /api-keys 201",
  "post /api-keys/{id}/rotate 200",
  "post /api-keys/{id}/rotate 201",
  "post /auth/token 200",
  "post /auth/refresh 200",
  "post /invitations/accept 200",
]);
// A whole token (32+ characters after the kind); the list's short display prefix is not one.
const SECRET_PATTERN = /vlt_(?:live|test|at|rt)_[0-9A-Za-z]{32,}/;
const SHA256_PATTERN = /(?<![0-9A-Fa-f])[0-9a-f]{64}(?![0-9A-Fa-f])/i;

/**
 * Validates real responses against the served OpenAPI document with Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1). An undocumented status, a missing content type or a field the
 * document does not name is a problem: objects are closed (additionalProperties: false) where
 * the document leaves them open by omission.
 */
export class ConformanceChecker {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    this.ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);
    addFormats(this.ajv);
  }

  static async load(): Promise<ConformanceChecker> {
    return new ConformanceChecker(await fetchOpenApiDocument());
  }

  /** Every documented (operation, status) schema, compiled: throws if one is not valid. */
  compileAll(): number {
    let count = 0;
    for (const [path, item] of Object.entries(this.doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const status of Object.keys(operation.responses)) {
          if (this.validator(method, path, status)) count += 1;
        }
      }
    }
    return count;
  }

  /** The problems with one response, as readable lines; empty when it conforms. */
  check(op: Pick<Operation, "method" | "path">, res: Invoked): string[] {
    const where = `${op.method} ${op.path} -> ${res.status}`;
    const problems: string[] = [];
    const operation = this.doc.paths[op.path]?.[op.method.toLowerCase()];
    if (!operation) return [`${where}: operation not in the document`];
    const documented = operation.responses[String(res.status)];
    if (!documented) {
      return [
        `${where}: undocumented status (documented: ${Object.keys(operation.responses).join(", ")})`,
      ];
    }
    const type = res.headers.get("content-type") ?? "";
    if (documented.content && !Object.keys(documented.content).some((t) => type.startsWith(t))) {
      problems.push(`${where}: content type ${JSON.stringify(type)} is not documented`);
    }
    const validate = this.validator(op.method.toLowerCase(), op.path, String(res.status));
    if (validate && !validate(res.body)) {
      problems.push(`${where}: ${describeErrors(validate.errors)} in ${preview(res.body)}`);
    }
    problems.push(...secretProblems(op, res));
    return problems;
  }

  private validator(method: string, path: string, status: string): ValidateFunction | undefined {
    const id = `${method} ${path} ${status}`;
    const cached = this.compiled.get(id);
    if (cached) return cached;
    const content = this.doc.paths[path]?.[method]?.responses[status]?.content;
    // JSON, or a download's media type (the CSV export: its body is checked as text).
    const schema = (content?.["application/json"] ?? Object.values(content ?? {})[0])?.schema;
    if (!schema) return undefined;
    const validate = this.ajv.compile(this.closed(schema));
    this.compiled.set(id, validate);
    return validate;
  }

  /** The schema with components inlined and every object closed unless it says otherwise. */
  private closed(schema: unknown): Schema {
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(walk);
      if (!node || typeof node !== "object") return node;
      const source = node as Schema;
      const ref = source.$ref;
      if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
        const { $ref: _ref, ...rest } = source;
        const target = this.doc.components?.schemas?.[ref.slice("#/components/schemas/".length)];
        if (!target) throw new Error(`unresolvable ${ref}`);
        return walk({ ...target, ...rest });
      }
      const out: Schema = {};
      for (const [key, value] of Object.entries(source)) {
        if (key === "properties" || key === "patternProperties" || key === "$defs") {
          out[key] = Object.fromEntries(
            Object.entries(value as Schema).map(([name, sub]) => [name, walk(sub)]),
          );
        } else if (key === "example" || key === "examples" || key === "enum" || key === "const") {
          out[key] = value;
        } else {
          out[key] = walk(value);
        }
      }
      const isObject = out.type === "object" || out.properties !== undefined;
      const saysOtherwise =
        "additionalProperties" in out ||
        "patternProperties" in out ||
        "unevaluatedProperties" in out;
      if (isObject && !saysOtherwise) out.additionalProperties = false;
      return out;
    };
    return walk(schema) as Schema;
  }
}

/** A secret or a SHA-256 hash anywhere in a response that is not one of the reveal responses. */
export function secretProblems(op: Pick<Operation, "method" | "path">, res: Invoked): string[] {
  if (SECRET_RESPONSES.has(`${op.method.toLowerCase()} ${op.path} ${res.status}`)) return [];
  const where = `${op.method} ${op.path} -> ${res.status}`;
  const text = `${typeof res.body === "string" ? res.body : JSON.stringify(res.body)}\n${[
    ...res.headers.entries(),
  ]
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n")}`;
  const problems: string[] = [];
  const secret = SECRET_PATTERN.exec(text);
  if (secret) problems.push(`${where}: carries a token ${secret[0].slice(0, 14)}…`);
  const hash = SHA256_PATTERN.exec(text);
  if (hash) problems.push(`${where}: carries a 64-hex hash ${hash[0].slice(0, 12)}…`);
  return problems;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const extra =
        e.keyword === "additionalProperties"
          ? ` (undocumented field ${JSON.stringify(e.params.additionalProperty)})`
          : "";
      return `${e.instancePath || "/"} ${e.message ?? e.keyword}${extra}`;
    })
    .join("; ");
}

function preview(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
