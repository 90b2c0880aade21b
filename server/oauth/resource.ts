import { env } from "@/lib/env";

/**
 * The authorization server's issuer: PUBLIC_URL, never a request's Host. Without it (a local
 * run), the address server.mjs listens on, as the browser reaches it: localhost and PORT.
 */
export function oauthIssuer(): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const port = Number(process.env.PORT ?? 3000);
  return `http://localhost:${Number.isInteger(port) && port > 0 ? port : 3000}`;
}

/**
 * The one protected resource (RFC 8707): every OAuth access token is bound to it, and it is
 * the default when a request names none.
 */
export function oauthResource(): string {
  return `${oauthIssuer()}/api/v1`;
}
