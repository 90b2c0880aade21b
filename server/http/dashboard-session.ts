import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { type Db, getDb } from "@/db";
import type { Role } from "@/lib/roles";
import type { Scope } from "@/lib/scopes";
import {
  type AuthContext,
  PLATFORM_ADMIN_ROLE,
  resolveAuthContext,
} from "@/server/auth/auth-context";
import { auth } from "@/server/auth/config";
import { isFirstSession } from "@/server/auth/first-session";
import { clientIp } from "@/server/core/client-ip";
import {
  listSwitcherOrganizations,
  type OrganizationChoice,
} from "@/server/organizations/list-organizations";
import { scopesFor } from "@/server/scopes/catalogue";
import { findActiveUser } from "@/server/users/find-active-user";

export interface DashboardSession {
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean };
  organization: { id: string; name: string };
  role: Role;
  /** False when a platform admin is in an organization it does not belong to. */
  isMember: boolean;
  /** This browser session is the account's first (server/auth/first-session.ts). */
  firstSession: boolean;
  scopes: Scope[];
  /**
   * The user's memberships, and the current organization when a platform admin visits one it
   * does not belong to; never every organization (a platform admin's switcher searches those).
   */
  organizations: OrganizationChoice[];
  /** What the verbs a page calls read through (see AuthContext.db). */
  db: Db;
}

/**
 * The signed-in user and current organization for a dashboard page, read fresh from the
 * database; redirects to the login page when there is no valid session. proxy.ts only
 * redirects optimistically, this is the real gate.
 */
export const requireDashboardSession = cache(async (): Promise<DashboardSession> => {
  const session = await auth();
  if (!session?.userId) {
    // A session cookie that no longer stands for a session: it expired, or was signed out or
    // revoked elsewhere. The login page says so rather than greeting a stranger.
    const jar = await cookies();
    const hadSession = jar
      .getAll()
      .some((c) => c.name === "authjs.session-token" || c.name === "__Secure-authjs.session-token");
    redirect(hadSession ? "/login?reason=ended" : "/login");
  }
  const user = await findActiveUser(session.userId);
  if (!user) redirect("/login");
  const organizations = await listSwitcherOrganizations(user, session.organizationId);
  const current = organizations.find((org) => org.id === session.organizationId);
  // The user left (or was removed from) the session's organization: start over.
  if (!current) redirect("/login");
  const role: Role = current.role ?? PLATFORM_ADMIN_ROLE;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isPlatformAdmin: user.isPlatformAdmin,
    },
    organization: { id: current.id, name: current.name },
    role,
    isMember: current.role !== null,
    firstSession: isFirstSession(user.createdAt, session.signedInAt),
    scopes: scopesFor(role, user.isPlatformAdmin),
    organizations,
    db: await getDb(),
  };
});

/**
 * The context a session request to /api/v1 would get, for server actions: the same rules
 * (role, scopes, membership) apply to a form as to the API.
 */
export async function dashboardContext(): Promise<AuthContext> {
  const session = await requireDashboardSession();
  return resolveAuthContext(
    {
      type: "session",
      id: session.user.id,
      userId: session.user.id,
      organizationId: session.organization.id,
      keyScopes: null,
      expiresAt: null,
    },
    null,
    { requestId: "dashboard", ip: clientIp(await headers()) },
  );
}

/** The id of the browser session reading the page (its JWT's `sid`), or null without one. */
export async function currentSessionId(): Promise<string | null> {
  const session = await auth();
  return session?.sessionId || null;
}
