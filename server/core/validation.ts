import type { z } from "zod";
import { ApiError } from "@/server/core/api-error";

/** A zod failure as VALIDATION_ERROR, with each failing field named in `details`. */
export function validationError(error: z.ZodError): ApiError {
  const details = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : "body",
    message: issue.message,
  }));
  const first = details[0];
  const message = first ? `Invalid ${first.field}: ${first.message}` : "The request is not valid";
  return new ApiError("VALIDATION_ERROR", message, details);
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
