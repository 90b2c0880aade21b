import type { z } from "zod";
import { ApiError } from "./api-error";
import { validationError } from "./validation";

export const MAX_BODY_BYTES = 64 * 1024;
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
  const text = await readLimited(req);
  let value: unknown;
  if (text.trim().length > 0) {
    if (!isJsonContentType(req.headers.get("content-type"))) {
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE");
    }
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("VALIDATION_ERROR", "The request body is not valid JSON", [
        { field: "body", message: "Malformed JSON" },
      ]);
    }
    // PostgreSQL text cannot hold NUL: refuse it here, by field, instead of failing in the insert.
    const nul = findNul(value, []);
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

async function readLimited(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ApiError("PAYLOAD_TOO_LARGE");
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError("VALIDATION_ERROR", "The request body is not valid UTF-8", [
      { field: "body", message: "Invalid UTF-8" },
    ]);
  }
}

/** The path of the first string (key or value) containing U+0000, or null. */
function findNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key];
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
