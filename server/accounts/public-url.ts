import { env } from "@/lib/env";

/** Base of links we hand out: PUBLIC_URL when configured, else the request's own origin. */
export function publicBaseUrl(req?: Request): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return req ? new URL(req.url).origin : "http://localhost:3000";
}
