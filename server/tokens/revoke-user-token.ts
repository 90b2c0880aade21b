import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { tokenFamilies, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { ApiError } from "@/server/core/api-error";
import { hashToken, parseToken } from "./format";
import { revokeLockedFamily } from "./revoke-locked-family";
import type { RevokeTokenInput } from "./schemas";

/**
 * Revokes an access token (that token) or a refresh token (its whole family: every access and
 * refresh token descended from the same login). Idempotent, and an unknown token is not an
 * error (RFC 7009): the caller learns nothing about which tokens exist.
 */
export async function revokeUserToken(
  input: Pick<RevokeTokenInput, "token">,
  request: { ip: string },
): Promise<void> {
  const parsed = parseToken(input.token);
  if (parsed && (parsed.kind === "live" || parsed.kind === "test")) {
    throw new ApiError(
      "VALIDATION_ERROR",
      "API keys cannot be revoked here: revoke them with DELETE /api/v1/api-keys/{id}",
      [{ field: "token", message: "API keys are revoked via DELETE /api/v1/api-keys/{id}" }],
    );
  }
  if (!parsed) return;

  const db = await getDb();
  const [token] = await db
    .select({
      id: userTokens.id,
      kind: userTokens.kind,
      familyId: userTokens.familyId,
      userId: userTokens.userId,
      organizationId: userTokens.organizationId,
    })
    .from(userTokens)
    .where(eq(userTokens.secretHash, hashToken(parsed.token)));
  if (!token) return;
  if (token.kind === "refresh") {
    await db.transaction(async (tx) => {
      await tx
        .select({ id: tokenFamilies.id })
        .from(tokenFamilies)
        .where(eq(tokenFamilies.id, token.familyId))
        .for("update");
      await revokeLockedFamily(tx, {
        familyId: token.familyId,
        audit: {
          userId: token.userId,
          organizationId: token.organizationId,
          tokenId: token.id,
          ip: request.ip,
          reason: "refresh_token_revoked",
        },
      });
    });
    return;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(userTokens)
      .set({ revokedAt: now() })
      .where(and(eq(userTokens.id, token.id), isNull(userTokens.revokedAt)));
    await publishAuthChange(tx, { credentialIds: [token.id] });
  });
}
