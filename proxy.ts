import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import {
  contentSecurityPolicy,
  cspNonce,
  HSTS,
  servedOverHttps,
} from "@/server/http/security-headers";

const DASHBOARD_PREFIXES = ["/dashboard", "/settings", "/docs"];
// JSON only: no page runs there, so no CSP nonce is needed.
const API_PREFIXES = ["/api/", "/v1/"];

/**
 * Optimistic redirect of signed-out visitors and security headers. Never the only gate: every
 * dashboard page checks the session itself and every /api/v1 route authenticates in withApi.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const hasSession = req.cookies
    .getAll()
    .some((c) => c.name === "authjs.session-token" || c.name === "__Secure-authjs.session-token");
  let res: NextResponse;
  if (
    !hasSession &&
    DASHBOARD_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`))
  ) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    res = NextResponse.redirect(login);
  } else if (API_PREFIXES.some((p) => pathname.startsWith(p))) {
    res = NextResponse.next();
  } else {
    // Next.js reads the nonce from the request's CSP header and stamps it on its own scripts.
    const csp = contentSecurityPolicy(cspNonce(), env().NODE_ENV === "development");
    const requestHeaders = new Headers(req.headers);
    requestHeaders.set("Content-Security-Policy", csp);
    res = NextResponse.next({ request: { headers: requestHeaders } });
    res.headers.set("Content-Security-Policy", csp);
  }
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.headers.set("X-Frame-Options", "DENY");
  if (servedOverHttps(req.headers)) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
