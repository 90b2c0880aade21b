import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/** A fresh, unguessable nonce for one page view. */
export function cspNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The dashboard's Content-Security-Policy (Next.js's nonce pattern): scripts run only with this
 * response's nonce or when loaded by such a script ('strict-dynamic'), so injected markup cannot
 * run code next to the secrets the dashboard shows.
 */
export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes come from Tailwind-built components and recharts' SVG layout. A
    // nonce cannot cover style attributes, and styles cannot run script, so inline styles stay.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Whether the browser reached us over HTTPS: PUBLIC_URL says so, or X-Forwarded-Proto does and
 * our own proxy set it (TRUST_PROXY). Our server speaks plain HTTP, and Next.js builds the
 * request URL's scheme from X-Forwarded-Proto, so the URL itself proves nothing. HSTS must not
 * pin a site that has no certificate.
 */
export function servedOverHttps(headers: Headers): boolean {
  const { PUBLIC_URL, TRUST_PROXY } = env();
  if (PUBLIC_URL?.startsWith("https:")) return true;
  return Boolean(TRUST_PROXY) && headers.get("x-forwarded-proto")?.trim() === "https";
}

/**
 * The headers every response carries, dashboard page or API answer: proxy.ts sets them on
 * pages, withApi's wrappers on every /api/v1 answer (proxy.ts does not run there).
 */
export function securityHeaders(requestHeaders: Headers): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  };
  if (servedOverHttps(requestHeaders)) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}
