import { type ApiError, MethodNotAllowed } from "@/server/core/api-error";
import type { Page } from "@/server/core/pagination";
import { publicBaseUrl } from "@/server/core/public-url";

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

/**
 * Where a client learns how to get a token for this API (RFC 9728's protected resource
 * metadata), named in every Bearer challenge so that an OAuth client (an MCP client, say) can
 * find the authorization server from a 401 alone.
 */
export function resourceMetadataUrl(requestOrigin?: string | null): string {
  return `${publicBaseUrl(requestOrigin)}/.well-known/oauth-protected-resource/api/v1`;
}

/** RFC 6750 §3: a 401 challenges for a token; a 403 for a missing scope names it (step-up). */
function bearerChallenge(error: ApiError, requestOrigin?: string | null): string | undefined {
  const metadata = `resource_metadata="${resourceMetadataUrl(requestOrigin)}"`;
  if (error.status === 401) return `Bearer realm="voltasis", ${metadata}`;
  const scope = (error.details as { required_scope?: unknown } | undefined)?.required_scope;
  if (error.status === 403 && typeof scope === "string") {
    return `Bearer realm="voltasis", error="insufficient_scope", scope="${scope}", ${metadata}`;
  }
  return undefined;
}

export function errorResponse(
  error: ApiError,
  requestId?: string,
  requestOrigin?: string | null,
): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) {
    headers["Retry-After"] = String(error.retryAfterSeconds);
  }
  if (error instanceof MethodNotAllowed) headers.Allow = error.allowed.join(", ");
  if (requestId) headers["X-Request-Id"] = requestId;
  const challenge = bearerChallenge(error, requestOrigin);
  if (challenge) headers["WWW-Authenticate"] = challenge;
  return json(error.toBody(), error.status, headers);
}

/** A list response: `{"data": […], "next_cursor": "…" | null}`. */
export function pageResponse<T>(page: Page<T>): Response {
  return json(page);
}
