import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";

/**
 * The one rule for a platform admin visiting an organization it does not belong to: a visit is
 * read and revoke only. Whatever adds a credential or changes who belongs (keys, invitations,
 * roles, removals) needs real membership, whichever door it came in by. Administering the
 * organization itself (its name) is the platform's `admin:organizations`, not a visit's.
 */
export function assertMember(ctx: Pick<AuthContext, "isMember">, doing: string): void {
  if (!ctx.isMember) {
    throw new ApiError(
      "FORBIDDEN",
      `Only members of this organization can ${doing}; a platform admin's visit is read and revoke only`,
    );
  }
}
