import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Scope } from "@/lib/scopes";
import type { Viewer } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { memberOf } from "./list-members";
import type { Member } from "./schemas";

/**
 * One member of the organization. A user who exists but is not a member here is a 403 (and
 * nothing of them is returned); an id that exists nowhere, or is not an id at all, is a 404.
 * GET /users/{id} needs read:users; PATCH and DELETE look the member up first under their own
 * write:users (`scope`), which a key may hold without read:users.
 */
export async function findMember(
  viewer: Viewer,
  userId: string,
  scope: Extract<Scope, "read:users" | "write:users"> = "read:users",
): Promise<Member> {
  requireScope(viewer, scope);
  if (!isId("usr", userId)) throw new ApiError("NOT_FOUND", "No user with this id");
  const member = await memberOf(viewer.db, viewer.organization.id, userId);
  if (member) return member;
  const [elsewhere] = await viewer.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, userId));
  if (elsewhere) throw organizationNotAllowed();
  throw new ApiError("NOT_FOUND", "No user with this id");
}
