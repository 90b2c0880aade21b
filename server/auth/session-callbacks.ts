import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { headers } from "next/headers";
import type { JWT } from "next-auth/jwt";
import { getDb } from "@/db";
import { memberships } from "@/db/schema";
import { nowMs } from "@/lib/clock";
import { recordAudit } from "@/server/audit/record-audit";
import { clientIp } from "@/server/core/client-ip";
import { canEnterOrganization } from "@/server/organizations/list-organizations";
import {
  recordSignIn,
  type SessionClient,
  sessionClientFrom,
  touchSession,
} from "./session-activity";
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
    const signedInAt = nowMs();
    token.signedInAt = signedInAt;
    // Names this session, so that "Sign out" and "Revoke" can end it alone on the server.
    const sid = randomBytes(16).toString("base64url");
    token.sid = sid;
    if (typeof user.id === "string") {
      await recordSignIn({ id: sid, userId: user.id, signedInAt }, await requestClient());
    }
    return token;
  }
  // 24 h from sign-in, the user enabled and not signed out everywhere since: read fresh.
  if (!(await sessionIsValid(token.uid, token.signedInAt, token.sid))) return null;
  await touchSession(
    { uid: token.uid, sid: token.sid, signedInAt: token.signedInAt },
    requestClient,
  );
  // Organization switch: checked here again, so a forged update cannot enter another org.
  if (trigger === "update") {
    const requested = (session as { organizationId?: unknown } | undefined)?.organizationId;
    if (
      typeof requested === "string" &&
      typeof token.uid === "string" &&
      requested !== token.orgId &&
      (await canEnterOrganization(token.uid, requested))
    ) {
      token.orgId = requested;
      // Decided here, so audited here: the dashboard's switcher and Auth.js's own session
      // update (POST /api/auth/session) both end in this callback.
      await auditVisit(token.uid, requested);
    }
  }
  return token;
}

/**
 * A platform admin entering an organization it does not belong to is written to that
 * organization's log, never naming the organization it came from (another tenant's id).
 */
async function auditVisit(userId: string, organizationId: string): Promise<void> {
  const db = await getDb();
  const [member] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)));
  if (member) return;
  await recordAudit(
    db,
    { userId, credentialId: "session", ip: await requestIp() },
    {
      action: "organization.switched",
      organizationId,
      targetType: "organization",
      targetId: organizationId,
    },
  );
}

async function requestIp(): Promise<string> {
  try {
    return clientIp(await headers());
  } catch {
    // Outside a request (a test calling the callback directly): no address to record.
    return "";
  }
}

async function requestClient(): Promise<SessionClient> {
  try {
    return sessionClientFrom(await headers());
  } catch {
    // Outside a request (a test calling the callback directly): no browser or address to record.
    return { userAgent: "", ip: "" };
  }
}
