import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/db/schema";
import type { Scope } from "@/lib/scopes";
import { PLATFORM_ADMIN_ROLE } from "@/server/auth/auth-context";
import {
  listEnterableOrganizations,
  type OrganizationChoice,
} from "@/server/organizations/list-organizations";
import { scopesFor } from "@/server/scopes/catalogue";
import { findActiveUser } from "@/server/users/find-active-user";
import { auth } from "./config";

export interface DashboardSession {
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean };
  organization: { id: string; name: string };
  role: Role;
  /** False when a platform admin is in an organization it does not belong to. */
  isMember: boolean;
  scopes: Scope[];
  organizations: OrganizationChoice[];
}

/**
 * The signed-in user and current organization for a dashboard page, read fresh from the
 * database; redirects to the login page when there is no valid session. proxy.ts only
 * redirects optimistically, this is the real gate.
 */
export const requireDashboardSession = cache(async (): Promise<DashboardSession> => {
  const session = await auth();
  if (!session?.userId) redirect("/login");
  const user = await findActiveUser(session.userId);
  if (!user) redirect("/login");
  const organizations = await listEnterableOrganizations(user.id);
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
    scopes: scopesFor(role, user.isPlatformAdmin),
    organizations,
  };
});
