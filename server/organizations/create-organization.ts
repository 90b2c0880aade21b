import { randomBytes } from "node:crypto";
import type { Db, Tx } from "@/db";
import { memberships, organizations } from "@/db/schema";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/roles";
import { type AuditActor, actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { assertBelowOrganizationCap } from "./creation-limit";
import type { OrganizationNameInput, PublicOrganization } from "./schemas";

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
  const plan = env().DEFAULT_PLAN;
  await tx.insert(organizations).values({ id, name, slug: slugFor(name), plan, createdAt });
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
  return {
    id,
    name,
    role: "owner" as Role,
    third_party_access: "any" as const,
    plan,
    created_at: createdAt.toISOString(),
  };
}

/**
 * POST /organizations and the dashboard's form: users only (tokens and sessions), never API keys;
 * the caller owns it. Past MAX_ORGANIZATIONS_PER_USER creations a 409 (creation-limit.ts).
 */
export async function createOrganization(
  ctx: AuthContext,
  input: OrganizationNameInput,
): Promise<PublicOrganization> {
  if (ctx.credential.type === "api_key" || ctx.credential.type === "oauth") {
    throw new ApiError(
      "FORBIDDEN",
      "API keys and app tokens cannot create organizations: use a user token",
    );
  }
  return ctx.db.transaction(async (tx) => {
    await assertBelowOrganizationCap(tx, ctx.user.id);
    return insertOrganization(tx, input.name, ctx.user.id, actorOf(ctx));
  });
}
