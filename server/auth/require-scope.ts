import type { Scope } from "@/lib/scopes";
import type { Viewer } from "@/server/auth/auth-context";
import { missingScope } from "@/server/auth/refusals";
import { scopesFor } from "@/server/scopes/catalogue";

/**
 * Whoever acts: an API or action context carries its scopes (the role's, narrowed by a key's);
 * a dashboard viewer without them holds its role's.
 */
export type ScopeHolder = Pick<Viewer, "role" | "user" | "scopes">;

/**
 * The first line of every verb behind an operation with a scope: refuses as the doors do
 * (403 `missing_scope` naming `required_scope`), so a door that forgets the check cannot skip it.
 */
export function requireScope(holder: ScopeHolder, scope: Scope): void {
  const held = holder.scopes ?? scopesFor(holder.role, holder.user.isPlatformAdmin);
  if (!held.includes(scope)) throw missingScope(scope);
}
