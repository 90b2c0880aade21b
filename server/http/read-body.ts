import type { z } from "zod";
import { ApiError } from "@/server/core/api-error";
import { validationError } from "@/server/core/validation";

export const MAX_BODY_BYTES = 64 * 1024;
/** Deeper than any body of ours; attacker-chosen nesting is refused before it is parsed. */
export const MAX_JSON_DEPTH = 64;
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** Reads at most 64 KiB, requires JSON, and validates against the route's schema. */
export async function readBody<T>(
  req: Request,
  schema: z.ZodType<T> | undefined,
): Promise<T | undefined> {
  if (!METHODS_WITH_BODY.has(req.method)) return undefined;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE");
  return parseBody(await readLimitedText(req), req.headers.get("content-type"), schema);
}

/**
 * A body already read (by a route that needs its bytes first, to check a signature): JSON only,
 * bounded nesting, no NUL, validated against the route's schema.
 */
export function parseBody<T>(
  text: string,
  contentType: string | null,
  schema: z.ZodType<T> | undefined,
): T | undefined {
  let value: unknown;
  if (text.trim().length > 0) {
    if (!isJsonContentType(contentType)) {
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE");
    }
    if (exceedsDepth(text, MAX_JSON_DEPTH)) {
      throw new ApiError(
        "VALIDATION_ERROR",
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels`,
        [{ field: "body", message: `nesting deeper than ${MAX_JSON_DEPTH} levels` }],
      );
    }
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("VALIDATION_ERROR", "The request body is not valid JSON", [
        { field: "body", message: "Malformed JSON" },
      ]);
    }
    // PostgreSQL text cannot hold NUL: refuse it here, by field, instead of failing in the insert.
    const nul = findNul(value);
    if (nul !== null) {
      const field = nul.length > 0 ? nul.join(".") : "body";
      throw new ApiError("VALIDATION_ERROR", `Invalid ${field}: must not contain NUL characters`, [
        { field, message: "must not contain NUL characters" },
      ]);
    }
  }
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** The body as UTF-8 text, refused (413) past `maxBytes` without reading the rest. */
export async function readLimitedText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return decodeUtf8(await readLimitedBytes(req, maxBytes));
}

/** Bytes as UTF-8 text; a 400 for anything that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("VALIDATION_ERROR", "The request body is not valid UTF-8", [
      { field: "body", message: "Invalid UTF-8" },
    ]);
  }
}

/**
 * The body's exact bytes (what a signature covers), refused (413) past `maxBytes` without
 * reading the rest.
 */
export async function readLimitedBytes(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) {
    throw new ApiError(
      "PAYLOAD_TOO_LARGE",
      `The request body is larger than ${maxBytes / 1024} KiB`,
    );
  }
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ApiError(
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than ${maxBytes / 1024} KiB`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * True when brackets nest deeper than `max` outside strings: one pass over the text, no
 * recursion and no parse, so a 64 KiB `[[[[…` costs microseconds instead of a stack overflow.
 */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The path of the first string (key or value) containing U+0000, or null. Iterative. */
function findNul(root: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i] });
    } else if (value && typeof value === "object") {
      const entries = Object.entries(value);
      for (const [key] of entries) if (key.includes("\u0000")) return [...path, key];
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}
