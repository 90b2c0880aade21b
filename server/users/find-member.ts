import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Viewer } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { memberOf } from "./list-members";
import type { Member } from "./schemas";

/**
 * One member of the organization. A user who exists but is not a member here is a 403 (and
 * nothing of them is returned); an id that exists nowhere, or is not an id at all, is a 404.
 */
export async function findMember(viewer: Viewer, userId: string): Promise<Member> {
  if (!isId("usr", userId)) throw new ApiError("NOT_FOUND", "No user with this id");
  const member = await memberOf(viewer.organization.id, userId);
  if (member) return member;
  const db = await getDb();
  const [elsewhere] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (elsewhere) throw new ApiError("FORBIDDEN");
  throw new ApiError("NOT_FOUND", "No user with this id");
}
