import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, cspNonce, securityHeaders } from "@/server/http/security-headers";

const DASHBOARD_PREFIXES = ["/dashboard", "/settings", "/docs"];
// Pages anyone may open signed out (besides sign-in and its links): never redirected to /login.
// The status page (the guide's "API status page") must answer during an outage of sign-in too.
export const PUBLIC_PAGES = ["/status"];
// JSON only (Auth.js's /api/auth): no page runs there, so no CSP nonce is needed.
const API_PREFIX = "/api/";

/**
 * Optimistic redirect of signed-out visitors and security headers. Never the only gate: every
 * dashboard page checks the session itself and every /api/v1 route authenticates in withApi.
 * It does not run for /api/v1 (nor its /v1 alias; see the matcher): withApi's wrappers set the
 * same headers there, and skipping it spares every API call a middleware pass.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const hasSession = req.cookies
    .getAll()
    .some((c) => c.name === "authjs.session-token" || c.name === "__Secure-authjs.session-token");
  let res: NextResponse;
  const publicPage = PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (
    !hasSession &&
    !publicPage &&
    DASHBOARD_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`))
  ) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    res = NextResponse.redirect(login);
  } else if (pathname.startsWith(API_PREFIX)) {
    res = NextResponse.next();
  } else {
    // Next.js reads the nonce from the request's CSP header and stamps it on its own scripts.
    const csp = contentSecurityPolicy(cspNonce(), env().NODE_ENV === "development");
    const requestHeaders = new Headers(req.headers);
    requestHeaders.set("Content-Security-Policy", csp);
    res = NextResponse.next({ request: { headers: requestHeaders } });
    res.headers.set("Content-Security-Policy", csp);
  }
  for (const [name, value] of Object.entries(securityHeaders(req.headers))) {
    res.headers.set(name, value);
  }
  return res;
}

export const config = {
  // Everything but static assets and the JSON API (/api/v1 and the /v1 alias rewritten to it).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1(?:/|$)|v1(?:/|$)).*)"],
};
