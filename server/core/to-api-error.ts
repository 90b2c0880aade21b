import { componentLogger } from "@/lib/logger";
import { ApiError } from "@/server/core/api-error";

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/** True when the error (or its cause) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === "string" && /PGlite is closed|connect ECONNREFUSED/.test(message)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Known errors pass through; the database being down is a 503; the rest is logged as a 500. */
export function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnavailable(error)) {
    log().error({ request_id: requestId }, `database unavailable: ${describeError(error)}`);
    return new ApiError("SERVICE_UNAVAILABLE");
  }
  log().error(
    { request_id: requestId },
    `unhandled error: ${describeError(error, { stack: true })}`,
  );
  return new ApiError("INTERNAL_ERROR");
}

/**
 * An error and its causes for the log, without the values they carry: Drizzle puts a failed
 * query's parameters (secret hashes, password hashes) in its message, and PostgreSQL puts the
 * offending row in `detail`. Code, message and query text (parameterized) are enough to debug.
 */
export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      parts.push(typeof current === "string" ? current : "(non-error value)");
      break;
    }
    const code = (current as { code?: unknown }).code;
    const message = withoutParams(current.message);
    parts.push(`${current.name}${typeof code === "string" ? ` ${code}` : ""}: ${message}`);
    current = current.cause;
  }
  const stack = error instanceof Error && options.stack ? frames(error.stack) : "";
  return parts.join(" <- caused by ") + stack;
}

function withoutParams(message: string): string {
  const cut = message.indexOf("\nparams:");
  return cut === -1 ? message : message.slice(0, cut);
}

function frames(stack: string | undefined): string {
  const lines = (stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return lines.length ? `\n${lines.join("\n")}` : "";
}

function log() {
  return componentLogger("http");
}
