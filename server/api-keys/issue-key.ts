import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { Scope } from "@/lib/scopes";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { displayParts, generateToken, hashToken } from "@/server/tokens/format";
import { type ApiKeyRow, publicApiKeyColumns, toPublicApiKey } from "./public-api-key";

// What creating a key and rotating one share: who may issue a new secret, and the insert of the
// key row with its hashed secret. Creating adds the per-organization cap (create-api-key.ts);
// rotating retires the old key (rotate-api-key.ts).

export interface NewKeyFields {
  /** The user the key authenticates as: the creator, or a rotated key's original owner. */
  ownerId: string;
  name: string;
  scopes: Scope[];
  expiresAt: Date | null;
  /** Canonical allowlist entries (allowedIpsSchema); empty: anywhere. */
  allowedIps: string[];
  rateLimitPerMinute: number | null;
  rotatedFromId?: string;
  /** "pending" when the organization requires an admin to approve the key first. */
  approval?: "pending" | null;
}

/**
 * Whoever creates or rotates a key receives its secret: they must be a member of the
 * organization (a key authenticates as its owner inside it) and hold every scope the key carries.
 */
export function assertMayIssueKey(
  ctx: Pick<AuthContext, "isMember" | "scopes">,
  scopes: readonly Scope[],
): void {
  assertMember(ctx, "create or rotate its API keys");
  assertGrantable(ctx, scopes);
}

/** A key can only be given scopes that the request creating it holds. */
function assertGrantable(ctx: Pick<AuthContext, "scopes">, scopes: readonly Scope[]): void {
  const missing = scopes.filter((s) => !ctx.scopes.includes(s));
  if (missing.length > 0) {
    throw new ApiError("FORBIDDEN", "You cannot grant scopes you do not hold", {
      scopes: missing,
    });
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
    allowedIps: fields.allowedIps,
    rateLimitPerMinute: fields.rateLimitPerMinute,
    rotatedFromId: fields.rotatedFromId ?? null,
    approval: fields.approval ?? null,
  });
  const [row] = await tx
    .select(publicApiKeyColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.id, id));
  return { key: toPublicApiKey(row as ApiKeyRow), secret };
}
