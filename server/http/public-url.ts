import { env } from "@/lib/env";

/**
 * The API's public base: PUBLIC_URL + /api/v1, or a relative /api/v1 without it. Never built from
 * Host or X-Forwarded-*: those are the client's to write, and a shared cache would hand an
 * attacker's host to everyone.
 */
export function publicApiUrl(): string {
  return `${env().PUBLIC_URL ?? ""}/api/v1`;
}
