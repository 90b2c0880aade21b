import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/principal";
import { env } from "@/server/env";
import { ApiError } from "@/server/http/api-error";
import { newId } from "@/server/ids";
import type { Scope } from "@/server/scopes/catalogue";
import { displayParts, generateToken, hashToken } from "@/server/tokens/format";
import { type ApiKeyRow, publicApiKeyColumns, toPublicApiKey } from "./public-api-key";
import type { CreateApiKeyInput } from "./schemas";

export interface NewKeyFields {
  /** The user the key authenticates as: the creator, or a rotated key's original owner. */
  ownerId: string;
  name: string;
  scopes: Scope[];
  expiresAt: Date | null;
  rotatedFromId?: string;
}

/** A key can only be given scopes that the request creating it holds. */
export function assertGrantable(ctx: Pick<AuthContext, "scopes">, scopes: readonly Scope[]): void {
  const missing = scopes.filter((s) => !ctx.scopes.includes(s));
  if (missing.length > 0) {
    throw new ApiError("FORBIDDEN", "You cannot grant scopes you do not hold", {
      scopes: missing,
    });
  }
}

/**
 * A key authenticates as its creator inside its organization, and stops working when the creator
 * is not a member there: so only members make keys, not platform admins visiting.
 */
export function assertMember(ctx: Pick<AuthContext, "isMember">): void {
  if (!ctx.isMember) {
    throw new ApiError(
      "FORBIDDEN",
      "Only members of this organization can create or rotate its API keys",
    );
  }
}

/** Inserts the key inside the caller's transaction and returns it with its secret. */
export async function insertApiKey(tx: Tx, ctx: AuthContext, fields: NewKeyFields) {
  const secret = generateToken(env().VOLTASIS_ENV);
  const id = newId("key");
  await tx.insert(apiKeys).values({
    id,
    organizationId: ctx.organization.id,
    createdBy: fields.ownerId,
    name: fields.name,
    environment: env().VOLTASIS_ENV,
    secretHash: hashToken(secret),
    ...displayParts(secret),
    scopes: fields.scopes,
    expiresAt: fields.expiresAt,
    rotatedFromId: fields.rotatedFromId ?? null,
  });
  const [row] = await tx
    .select(publicApiKeyColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.id, id));
  return { key: toPublicApiKey(row as ApiKeyRow), secret };
}

/** Creates a key and its audit record in one transaction: all of it is written, or none. */
export async function createApiKey(ctx: AuthContext, input: CreateApiKeyInput) {
  assertMember(ctx);
  assertGrantable(ctx, input.scopes);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const created = await insertApiKey(tx, ctx, {
      ownerId: ctx.user.id,
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expires_at ? new Date(input.expires_at) : null,
    });
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.created",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: created.key.id,
      metadata: { name: input.name, scopes: input.scopes, expires_at: input.expires_at ?? null },
    });
    return created;
  });
}
