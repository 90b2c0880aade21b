import { z } from "zod";
import type { Role } from "@/lib/roles";
import { SCOPES, type Scope } from "@/lib/scopes";

export const scopeSchema = z.enum(SCOPES, {
  error: (issue) => `unknown scope ${JSON.stringify(issue.input)}: see GET /api/v1/scopes`,
});

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "read:users": "List the members of the organization and read their profiles.",
  "write:users": "Invite people, change members' roles and remove members.",
  "read:time-entries": "Read the organization's time entries.",
  "write:time-entries": "Create time entries in the organization.",
  "read:api-keys": "List API keys and read their usage (members see their own keys only).",
  "write:api-keys": "Create, rotate and revoke API keys.",
  "read:audit-logs": "Read the organization's audit log: who did what, when and from where.",
  "read:oauth-apps":
    "List the organization's OAuth apps (third-party integrations) and their usage.",
  "write:oauth-apps":
    "Register, change and delete OAuth apps, and create or delete their client secrets.",
  "read:webhooks": "List the organization's webhook endpoints and their deliveries.",
  "write:webhooks":
    "Add, change and delete webhook endpoints, rotate their signing secrets and resend deliveries.",
  "admin:organizations": "Act in any organization with X-Organization-ID. Platform admins only.",
};

const MEMBER: readonly Scope[] = [
  "read:users",
  "read:time-entries",
  "write:time-entries",
  "read:api-keys",
  "write:api-keys",
];
const ADMIN: readonly Scope[] = [
  ...MEMBER,
  "write:users",
  "read:audit-logs",
  "read:oauth-apps",
  "write:oauth-apps",
  "read:webhooks",
  "write:webhooks",
];

/** The most a role may do; a credential never holds more than its user's role grants. */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  member: MEMBER,
  admin: ADMIN,
  owner: ADMIN,
};

/** Scopes a user holds in an organization: the role's maximum, plus the platform-admin scope. */
export function scopesFor(role: Role, isPlatformAdmin: boolean): Scope[] {
  const scopes = [...ROLE_SCOPES[role]];
  if (isPlatformAdmin) scopes.push("admin:organizations");
  return SCOPES.filter((s) => scopes.includes(s));
}

export function scopeResource(scope: Scope): string {
  return scope.slice(scope.indexOf(":") + 1);
}

export const scopeEntrySchema = z
  .object({
    scope: scopeSchema,
    resource: z.string(),
    action: z.string(),
    description: z.string(),
    granted: z.boolean().meta({ description: "Whether the current credential holds it" }),
    roles: z.array(z.string()).meta({ description: "Roles whose maximum includes it" }),
  })
  .meta({ id: "Scope" });

export function scopeCatalogue() {
  return SCOPES.map((scope) => ({
    scope,
    resource: scopeResource(scope),
    action: scope.slice(0, scope.indexOf(":")),
    description: SCOPE_DESCRIPTIONS[scope],
  }));
}

/** The catalogue as GET /scopes shows it to a credential holding `held`. */
export function scopeCatalogueFor(held: readonly Scope[]) {
  return scopeCatalogue().map((entry) => ({
    ...entry,
    granted: held.includes(entry.scope),
    roles: Object.entries(ROLE_SCOPES)
      .filter(([, scopes]) => scopes.includes(entry.scope))
      .map(([role]) => role),
  }));
}
