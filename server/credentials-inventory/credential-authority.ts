import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import type { InventoryType } from "./schemas";

export type Access = "read" | "write";

/**
 * Which kinds of credential the caller may see (`read`) or revoke (`write`) here. Only owners
 * and admins (a platform admin's visit included: read and revoke) reach the inventory at all.
 * Keys and user tokens come under `*:api-keys`; grants also need `*:oauth-apps`, as on their own
 * page, so a key without it cannot end apps' access this way. Browser sessions name a person's
 * devices and addresses: they are shown and ended only when a person asks (the dashboard or a
 * user token), never for an API key or an app's token.
 */
export function inventoryTypes(ctx: AuthContext, access: Access): InventoryType[] {
  requireScope(ctx, access === "read" ? "read:api-keys" : "write:api-keys");
  if (ctx.role !== "owner" && ctx.role !== "admin") {
    throw new ApiError(
      "FORBIDDEN",
      "Only owners and admins see and revoke every credential of the organization",
    );
  }
  const types: InventoryType[] = ["api_key", "user_token"];
  if (ctx.scopes.includes(access === "read" ? "read:oauth-apps" : "write:oauth-apps")) {
    types.push("oauth_grant");
  }
  if (ctx.credential.type === "session" || ctx.credential.type === "access_token") {
    types.push("session");
  }
  return types;
}

/** Refuses a kind the caller asked for by name (a filter, an id) but may not reach. */
export function assertReaches(types: readonly InventoryType[], wanted: InventoryType): void {
  if (types.includes(wanted)) return;
  throw new ApiError(
    "FORBIDDEN",
    wanted === "session"
      ? "Browser sessions are shown and ended only for a person (the dashboard or a user token), never for an API key or an app"
      : "OAuth grants need the oauth-apps scope as well",
  );
}
