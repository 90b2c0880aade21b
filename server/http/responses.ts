import { type ApiError, MethodNotAllowed } from "@/server/core/api-error";
import type { Page } from "@/server/core/pagination";
import { protectedResourceMetadataUrl } from "@/server/oauth/protected-resource";

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
 * RFC 6750 §3: a 401 challenges for a token; a 403 for a missing scope names it (step-up). Both
 * name the protected resource metadata (RFC 9728), so that an OAuth client (an MCP client, say)
 * finds the authorization server from the refusal alone.
 */
function bearerChallenge(error: ApiError): string | undefined {
  const metadata = `resource_metadata="${protectedResourceMetadataUrl()}"`;
  if (error.status === 401) return `Bearer realm="voltasis", ${metadata}`;
  const scope = (error.details as { required_scope?: unknown } | undefined)?.required_scope;
  if (error.status === 403 && typeof scope === "string") {
    return `Bearer realm="voltasis", error="insufficient_scope", scope="${scope}", ${metadata}`;
  }
  return undefined;
}

export function errorResponse(error: ApiError, requestId?: string): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) {
    headers["Retry-After"] = String(error.retryAfterSeconds);
  }
  if (error instanceof MethodNotAllowed) headers.Allow = error.allowed.join(", ");
  if (requestId) headers["X-Request-Id"] = requestId;
  const challenge = bearerChallenge(error);
  if (challenge) headers["WWW-Authenticate"] = challenge;
  return json(error.toBody(), error.status, headers);
}

/** A list response: `{"data": […], "next_cursor": "…" | null}`. */
export function pageResponse<T>(page: Page<T>): Response {
  return json(page);
}
