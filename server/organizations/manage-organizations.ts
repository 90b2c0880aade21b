import { randomBytes } from "node:crypto";
import { and, desc, eq, ilike, inArray } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb, type Tx } from "@/db";
import { memberships, organizations } from "@/db/schema";
import { now } from "@/lib/clock";
import { isId, newId } from "@/lib/ids";
import { likeLiteral } from "@/lib/like-literal";
import { ROLES, type Role } from "@/lib/roles";
import { type AuditActor, actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { afterCursor, cursorTime, type PageQuery, toPage } from "@/server/core/pagination";
import { assertBelowOrganizationCap } from "./creation-limit";

export const organizationNameSchema = z.string().trim().min(1).max(100);
export const createOrganizationSchema = z
  .strictObject({ name: organizationNameSchema })
  .meta({ id: "CreateOrganization" });
export const updateOrganizationSchema = z
  .strictObject({ name: organizationNameSchema })
  .meta({ id: "UpdateOrganization" });
export type OrganizationNameInput = z.infer<typeof createOrganizationSchema>;

export const publicOrganizationSchema = z
  .object({
    id: z.string().meta({ example: "org_3hT9xQ2mVb7Lk0PzR1aD" }),
    name: z.string(),
    role: z.enum(ROLES).nullable().meta({ description: "The caller's role; null if not a member" }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Organization" });
export type PublicOrganization = z.infer<typeof publicOrganizationSchema>;

function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "org"}-${randomBytes(4).toString("hex")}`;
}

/** Inserts an organization with `userId` as its owner (also the first-run setup's step). */
export async function insertOrganization(
  tx: Db | Tx,
  name: string,
  userId: string,
  actor?: AuditActor,
) {
  const id = newId("org");
  const createdAt = now();
  await tx.insert(organizations).values({ id, name, slug: slugFor(name), createdAt });
  await tx.insert(memberships).values({ userId, organizationId: id, role: "owner", createdAt });
  if (actor) {
    await recordAudit(tx, actor, {
      action: "organization.created",
      organizationId: id,
      targetType: "organization",
      targetId: id,
      metadata: { name },
    });
  }
  return { id, name, role: "owner" as Role, created_at: createdAt.toISOString() };
}

/**
 * POST /organizations and the dashboard's form: users only (tokens and sessions), never API keys;
 * the caller owns it. Past MAX_ORGANIZATIONS_PER_USER creations a 409 (creation-limit.ts).
 */
export async function createOrganization(
  ctx: AuthContext,
  input: OrganizationNameInput,
): Promise<PublicOrganization> {
  if (ctx.credential.type === "api_key") {
    throw new ApiError("FORBIDDEN", "API keys cannot create organizations: use a user token");
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertBelowOrganizationCap(tx, ctx.user.id);
    return insertOrganization(tx, input.name, ctx.user.id, actorOf(ctx));
  });
}

/**
 * The caller's organizations, newest first; with admin:organizations every organization. An API
 * key without it is pinned to its own organization and sees only that one: its creator's other
 * memberships (their ids, names and roles) are not the key's to know. `q` narrows whichever of
 * these the caller may list to names containing it (the platform admin's switcher searches it).
 */
export async function listOrganizations(ctx: AuthContext, query: PageQuery & { q?: string }) {
  const db = await getDb();
  const everything = ctx.scopes.includes("admin:organizations");
  const pinned = ctx.credential.type === "api_key" && !everything;
  const mine = db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, ctx.user.id));
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      createdAt: organizations.createdAt,
      cursorTime: cursorTime(organizations.createdAt),
      role: memberships.role,
    })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, ctx.user.id)),
    )
    .where(
      and(
        everything ? undefined : inArray(organizations.id, mine),
        pinned ? eq(organizations.id, ctx.credential.organizationId) : undefined,
        query.q ? ilike(organizations.name, `%${likeLiteral(query.q)}%`) : undefined,
        query.cursor
          ? afterCursor(organizations.createdAt, organizations.id, query.cursor)
          : undefined,
      ),
    )
    .orderBy(desc(organizations.createdAt), desc(organizations.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    created_at: r.createdAt.toISOString(),
  }));
}

/** PATCH /organizations/{id}: owners and admins of that organization rename it. */
export async function renameOrganization(
  ctx: AuthContext,
  id: string,
  input: OrganizationNameInput,
): Promise<PublicOrganization> {
  if (!isId("org", id)) throw new ApiError("NOT_FOUND", "No organization with this id");
  // Organizations are managed by people (a user token or the dashboard), never by API keys.
  if (ctx.credential.type === "api_key") {
    throw new ApiError("FORBIDDEN", "Organizations cannot be renamed with an API key");
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: organizations.id,
        name: organizations.name,
        createdAt: organizations.createdAt,
        role: memberships.role,
      })
      .from(organizations)
      .leftJoin(
        memberships,
        and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, ctx.user.id)),
      )
      .where(eq(organizations.id, id))
      .for("update", { of: organizations });
    // Another organization's existence is never revealed to someone who cannot manage it.
    const admin = ctx.scopes.includes("admin:organizations");
    if (!row || (!row.role && !admin)) throw new ApiError("FORBIDDEN");
    if (row.role === "member" || (!row.role && !admin)) {
      throw new ApiError("FORBIDDEN", "Only owners and admins can rename the organization");
    }
    await tx.update(organizations).set({ name: input.name }).where(eq(organizations.id, id));
    // Contexts carry the organization's name (/auth/me): every instance reloads them.
    await publishAuthChange(tx, { organizationId: id });
    await recordAudit(tx, actorOf(ctx), {
      action: "organization.renamed",
      organizationId: id,
      targetType: "organization",
      targetId: id,
      metadata: { from: row.name, to: input.name },
    });
    return {
      id,
      name: input.name,
      role: row.role,
      created_at: row.createdAt.toISOString(),
    };
  });
}
