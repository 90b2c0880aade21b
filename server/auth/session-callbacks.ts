import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { nowMs } from "@/lib/clock";
import { canEnterOrganization } from "@/server/organizations/list-organizations";
import { sessionIsValid } from "./session-validity";

export interface JwtCallbackArgs {
  token: JWT;
  user?: { id?: string; organizationId?: string } | null;
  trigger?: "signIn" | "signUp" | "update";
  session?: unknown;
}

/**
 * Auth.js's `jwt` callback: runs at sign-in and on every session read. The sign-in time is
 * written once and never moved, so the 24 hours are counted from it, however often the JWT is
 * re-issued. Answering null makes Auth.js drop the cookie.
 */
export async function sessionJwt({ token, user, trigger, session }: JwtCallbackArgs) {
  if (user) {
    token.uid = user.id;
    token.orgId = user.organizationId;
    token.signedInAt = nowMs();
    // Names this session, so that "Sign out" can end it alone on the server.
    token.sid = randomBytes(16).toString("base64url");
    return token;
  }
  // 24 h from sign-in, the user enabled and not signed out everywhere since: read fresh.
  if (!(await sessionIsValid(token.uid, token.signedInAt, token.sid))) return null;
  // Organization switch: checked here again, so a forged update cannot enter another org.
  if (trigger === "update") {
    const requested = (session as { organizationId?: unknown } | undefined)?.organizationId;
    if (
      typeof requested === "string" &&
      typeof token.uid === "string" &&
      (await canEnterOrganization(token.uid, requested))
    ) {
      token.orgId = requested;
    }
  }
  return token;
}
