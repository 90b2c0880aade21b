import { type ApiError, MethodNotAllowed } from "@/server/core/api-error";
import type { Page } from "@/server/core/pagination";

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const res = Response.json(body, { status, headers });
  return res;
}

/** `{"data": …}` with 200. */
export function ok(data: unknown, headers: HeadersInit = {}): Response {
  return json({ data }, 200, headers);
}

export function created(data: unknown, headers: HeadersInit = {}): Response {
  return json({ data }, 201, headers);
}

/** For responses that reveal a secret: no cache on the way may keep a copy. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

export function errorResponse(error: ApiError, requestId?: string): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) {
    headers["Retry-After"] = String(error.retryAfterSeconds);
  }
  if (error instanceof MethodNotAllowed) headers.Allow = error.allowed.join(", ");
  if (requestId) headers["X-Request-Id"] = requestId;
  if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="voltasis"';
  return json(error.toBody(), error.status, headers);
}

/** A list response: `{"data": […], "next_cursor": "…" | null}`. */
export function pageResponse<T>(page: Page<T>): Response {
  return json(page);
}
