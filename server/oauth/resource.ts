import { publicBaseUrl } from "@/server/core/public-url";

/** The authorization server's issuer: PUBLIC_URL (never a request's Host). */
export function oauthIssuer(): string {
  return publicBaseUrl();
}

/**
 * The one protected resource (RFC 8707): every OAuth access token is bound to it, and it is
 * the default when a request names none.
 */
export function oauthResource(): string {
  return `${publicBaseUrl()}/api/v1`;
}
