import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { memberships, users } from "@/db/schema";
import { authCacheGeneration, getAuthCached, setAuthCached } from "@/server/auth/auth-cache";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import {
  afterCursor,
  cursorTime,
  type Page,
  type PageQuery,
  toPage,
} from "@/server/core/pagination";
import { type Member, type PublicMember, toPublicMember } from "./schemas";

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joined_at: memberships.createdAt,
};

/** Every member of one organization, by name, for the settings page (the API pages instead). */
export async function listMembers(viewer: Viewer): Promise<Member[]> {
  requireScope(viewer, "read:users");
  return viewer.db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, viewer.organization.id))
    .orderBy(asc(users.name));
}

/**
 * One page of an organization's members, the most recent to join first (joined_at desc, then
 * user id); the organization is in every query, so no cursor reaches another organization.
 *
 * First pages come from the auth-state cache: every change to a membership or a member's
 * account is announced on the auth bus (auth-bus.ts), which evicts them on every instance, and
 * while changes cannot be heard nothing is served from it. Later pages, whose cursors a client
 * chooses, always read the database, so they cannot crowd the cache.
 */
export async function listMembersPage(
  viewer: Viewer,
  query: PageQuery,
): Promise<Page<PublicMember>> {
  requireScope(viewer, "read:users");
  const organizationId = viewer.organization.id;
  // A caller's transaction may read rows that never commit: what it reads is never cached.
  if (query.cursor || viewer.db instanceof PgTransaction) {
    return readMembersPage(viewer.db, organizationId, query);
  }
  const key = `members:${organizationId}|${query.limit}`;
  const cached = getAuthCached<Page<PublicMember>>(key);
  if (cached) return cached;
  const generation = authCacheGeneration();
  const page = await readMembersPage(viewer.db, organizationId, query);
  const tags = {
    userIds: page.data.map((member) => member.id),
    organizationIds: [organizationId],
    listsMembers: true,
  };
  setAuthCached(key, page, tags, generation);
  return page;
}

async function readMembersPage(
  db: Db,
  organizationId: string,
  query: PageQuery,
): Promise<Page<PublicMember>> {
  const where: SQL[] = [eq(memberships.organizationId, organizationId)];
  if (query.cursor)
    where.push(afterCursor(memberships.createdAt, memberships.userId, query.cursor));
  const rows = await db
    .select({ ...memberColumns, cursorTime: cursorTime(memberships.createdAt) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...where))
    .orderBy(desc(memberships.createdAt), desc(memberships.userId))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toPublicMember);
}

/** The member `userId` of the organization, or null; for domain code that already checked access. */
export async function memberOf(
  db: Db,
  organizationId: string,
  userId: string,
): Promise<Member | null> {
  const [member] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return member ?? null;
}
