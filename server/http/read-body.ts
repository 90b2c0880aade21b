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
  return new TextDecoder().decode(Buffer.concat(chunks));
}
