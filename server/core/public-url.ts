import { env } from "@/lib/env";

/**
 * The API's public base: PUBLIC_URL + /api/v1, or a relative /api/v1 without it. Never built from
 * Host or X-Forwarded-*: those are the client's to write, and a shared cache would hand an
 * attacker's host to everyone.
 */
export function publicApiUrl(): string {
  return `${env().PUBLIC_URL ?? ""}/api/v1`;
}

/**
 * Base of the links we hand out (invitations, first-run setup): PUBLIC_URL when configured, else
 * the origin the request came to (a route's URL, or a server action's checked Origin header).
 */
export function publicBaseUrl(requestOrigin?: string | null): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return requestOrigin ?? "http://localhost:3000";
}
