import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/env";
import type { Credential } from "@/server/auth/auth-context";
import { sessionClientFrom, touchSession } from "@/server/auth/session-activity";
import { sessionIsValid } from "@/server/auth/session-validity";
import { ApiError } from "@/server/core/api-error";
import { isJsonContentType } from "@/server/http/read-body";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The dashboard calls /api/v1 with its session cookie. Cookies ride along on cross-site requests,
 * so a cookie is honoured only from our own origin, and mutations only with a JSON body: a
 * cross-site form cannot send one without a CORS preflight, which we never answer.
 */
export async function sessionCredential(req: Request): Promise<Credential | null> {
  const cookie = req.headers.get("cookie");
  if (!cookie?.includes("authjs.session-token")) return null;

  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const crossSite =
    (site !== null && site !== "same-origin") || (origin !== null && !sameHost(origin, host));
  if (crossSite)
    throw new ApiError("FORBIDDEN", "Cross-site requests with a session cookie are not allowed");
  if (!SAFE_METHODS.has(req.method)) {
    if (site === null && origin === null) {
      throw new ApiError("FORBIDDEN", "Cross-site requests with a session cookie are not allowed");
    }
    if (!isJsonContentType(req.headers.get("content-type")))
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE");
  }

  const secret = authSecret();
  // The __Secure- cookie can only be set over HTTPS; the plain one could have been planted by
  // anyone able to write a cookie for the host, so the secure one wins when both are sent.
  const token =
    (await getToken({ req, secret, secureCookie: true })) ??
    (await getToken({ req, secret, secureCookie: false }));
  const userId = typeof token?.uid === "string" ? token.uid : null;
  const organizationId = typeof token?.orgId === "string" ? token.orgId : null;
  if (!userId || !organizationId) return null;
  // The same checks as the jwt callback: 24 h from sign-in, not signed out everywhere since.
  if (!(await sessionIsValid(userId, token?.signedInAt, token?.sid))) return null;
  // The dashboard's own calls count as activity (Bearer tokens and API keys never come here).
  await touchSession({ uid: userId, sid: token?.sid, signedInAt: token?.signedInAt }, () =>
    sessionClientFrom(req.headers),
  );
  return {
    type: "session",
    id: userId,
    userId,
    organizationId,
    keyScopes: null,
    expiresAt: typeof token?.exp === "number" ? new Date(token.exp * 1000) : null,
  };
}

function sameHost(origin: string, host: string | null): boolean {
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
