// The roles a user may hold in an organization, weakest first. Below every layer, like the scopes:
// the memberships table, the zod schemas and the dashboard all type by it.
export const ROLES = ["member", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** How a role reads in the dashboard, capitalised. */
export const ROLE_LABELS: Record<Role, string> = {
  member: "Member",
  admin: "Admin",
  owner: "Owner",
};
