/** The response headers every /api/v1 answer may carry, as OpenAPI `components.headers`. */
export const RESPONSE_HEADERS = {
  "X-Request-Id": {
    description: "Identifies this request in the server log.",
    schema: { type: "string", format: "uuid" },
  },
  "X-RateLimit-Limit": {
    description: "Requests allowed in the current window.",
    schema: { type: "integer" },
  },
  "X-RateLimit-Remaining": {
    description: "Requests left in the current window.",
    schema: { type: "integer" },
  },
  "X-RateLimit-Reset": {
    description: "When the window resets, in Unix epoch seconds.",
    schema: { type: "integer" },
  },
  RateLimit: {
    description: "IETF draft RateLimit field: `limit=…, remaining=…, reset=…` (seconds).",
    schema: { type: "string" },
  },
  "RateLimit-Policy": {
    description: "IETF draft RateLimit-Policy field: `<limit>;w=<window seconds>`.",
    schema: { type: "string" },
  },
  "Retry-After": {
    description: "Seconds to wait before retrying.",
    schema: { type: "integer" },
  },
  "Voltasis-Authentication-Token-Expiration": {
    description:
      "When the credential that authenticated this request expires, RFC 3339 in UTC (`2026-12-31T23:59:59Z`). Absent for credentials that do not expire.",
    schema: { type: "string", format: "date-time" },
  },
  "WWW-Authenticate": {
    description: 'The authentication scheme: `Bearer realm="voltasis"`.',
    schema: { type: "string" },
  },
  Allow: {
    description: "The methods this path serves.",
    schema: { type: "string" },
  },
  "Content-Disposition": {
    description: 'A download\'s file name: `attachment; filename="…"`.',
    schema: { type: "string" },
  },
} as const;

const ON_EVERY_RESPONSE = [
  "X-Request-Id",
  "X-RateLimit-Limit",
  "X-RateLimit-Remaining",
  "X-RateLimit-Reset",
  "RateLimit",
  "RateLimit-Policy",
] as const;

/** $refs to the headers every response carries. */
export function rateLimitHeaderRefs(): Record<string, { $ref: string }> {
  return Object.fromEntries(
    ON_EVERY_RESPONSE.map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );
}
