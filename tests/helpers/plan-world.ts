import { eq } from "drizzle-orm";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as organizationRoute from "@/app/api/v1/organizations/[id]/route";
import * as organizationsRoute from "@/app/api/v1/organizations/route";
import { getDb } from "@/db";
import { memberships, organizations } from "@/db/schema";
import type { Plan } from "@/lib/plans";
import type { Role } from "@/lib/roles";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { DEMO } from "./fixtures";
import { invoke } from "./invoke";
import { login, makeUser } from "./tokens";

/** An organization of the test's own on `plan`, with an owner, an admin and a member. */
export async function planOrganization(plan: Plan) {
  const owner = await makeUser("acme", "owner");
  const made = await invoke(organizationsRoute.POST, {
    method: "POST",
    path: "/organizations",
    token: (await login(owner.email)).access_token,
    body: { name: `Plan ${plan}` },
  });
  const id = made.body.data.id as string;
  await setPlan(id, plan);
  const people: Partial<Record<Role, { id: string; token: string }>> = {};
  const db = await getDb();
  for (const role of ["admin", "member"] as const) {
    const user = await makeUser("acme");
    await db.insert(memberships).values({ userId: user.id, organizationId: id, role });
    people[role] = { id: user.id, token: (await login(user.email, id)).access_token };
  }
  return {
    id,
    owner: { id: owner.id, token: (await login(owner.email, id)).access_token },
    admin: people.admin as { id: string; token: string },
    member: people.member as { id: string; token: string },
  };
}

/** Sets the plan in the database, as a platform admin's PATCH would, and announces it. */
export async function setPlan(organizationId: string, plan: Plan): Promise<void> {
  const db = await getDb();
  await db.update(organizations).set({ plan }).where(eq(organizations.id, organizationId));
  await publishAuthChange(db, { organizationId });
}

/** A platform admin's user token (admin:organizations). */
export async function platformAdminToken(): Promise<string> {
  return (await login(DEMO.admin)).access_token;
}

export function getOrganization(id: string, token: string) {
  return invoke(organizationRoute.GET, { path: `/organizations/${id}`, token, params: { id } });
}

export function patchOrganization(id: string, token: string, body: unknown) {
  return invoke(organizationRoute.PATCH, {
    method: "PATCH",
    path: `/organizations/${id}`,
    token,
    params: { id },
    body,
  });
}

export function postKey(token: string, body: Record<string, unknown>) {
  return invoke(keysRoute.POST, {
    method: "POST",
    path: "/api-keys",
    token,
    body: { name: "Plan test key", scopes: ["read:users"], ...body },
  });
}
