import { type NextRequest, NextResponse } from "next/server";

const DASHBOARD_PREFIXES = ["/dashboard", "/settings", "/docs"];

/**
 * Optimistic redirect of signed-out visitors and security headers. Never the only gate: every
 * dashboard page checks the session itself and every /api/v1 route authenticates in withApi.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const hasSession = req.cookies
    .getAll()
    .some((c) => c.name === "authjs.session-token" || c.name === "__Secure-authjs.session-token");
  if (
    !hasSession &&
    DASHBOARD_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`))
  ) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const res = NextResponse.next();
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.headers.set("X-Frame-Options", "DENY");
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
