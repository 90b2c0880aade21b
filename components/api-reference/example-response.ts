import type { AnyOperation as Operation } from "@/server/core/operation";
import { inlineJsonSchema } from "@/server/openapi/document";

interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  pattern?: string;
}

const ID_PREFIXES: Record<string, string> = {
  id: "key_01JD0000000000000000000000",
  user_id: "usr_01JD0000000000000000000000",
  created_by: "usr_01JD0000000000000000000000",
  organization_id: "org_01JD0000000000000000000000",
};

/** A plausible value for a JSON schema: its example, default, first enum value or a sample. */
function sample(schema: Schema | undefined, name: string, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) {
    const first = options.find((o) => o.type !== "null") ?? options[0];
    return sample(first, name, depth + 1);
  }
  const type = Array.isArray(schema.type)
    ? (schema.type.find((t) => t !== "null") ?? "null")
    : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [
          key,
          sample(value, key, depth + 1),
        ]),
      );
    case "array":
      return schema.items ? [sample(schema.items, name, depth + 1)] : [];
    case "integer":
    case "number":
      return schema.minimum !== undefined && schema.minimum > 0 ? schema.minimum : 0;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      if (schema.format === "date-time") return "2026-01-15T09:30:00.000Z";
      if (schema.format === "date") return "2026-01-15";
      if (schema.format === "email") return "ada@example.com";
      if (schema.format === "uri") return "https://example.com";
      return ID_PREFIXES[name] ?? (name === "name" ? "Nightly export" : "string");
    default:
      return null;
  }
}

/**
 * The body a successful call returns, as JSON text: the operation's own `response.example` when
 * it has one, otherwise a sample built from its response schema, inside `{"data": …}` (with
 * `next_cursor` for a list page) unless the operation answers unwrapped.
 */
export function exampleResponse(op: Operation): string {
  if (op.response.download) return op.response.download.example;
  const declared = (op.response as { example?: unknown }).example;
  const data =
    declared !== undefined
      ? declared
      : sample(inlineJsonSchema(op.response.schema, "output") as Schema, "data");
  const body = op.response.unwrapped
    ? data
    : op.response.paginated
      ? { data, next_cursor: null }
      : { data };
  return JSON.stringify(body, null, 2);
}
