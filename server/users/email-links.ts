import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { type EmailTokenPurpose, emailTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { randomBase62, toBase62 } from "@/lib/ids";
import { ApiError } from "@/server/core/api-error";
import { crc32, hashToken } from "@/server/tokens/format";

/**
 * Mailed links carry `vlt_pr_…` (password reset) or `vlt_ev_…` (email verification): 40 random
 * base62 characters and a CRC32 checksum, like every Voltasis secret, so a mistyped or made-up
 * token is refused before any hashing or database work. They are never Bearer credentials:
 * the token parser (tokens/format.ts) does not know these kinds.
 */
const KIND = { password_reset: "pr", verify_email: "ev" } as const satisfies Record<
  EmailTokenPurpose,
  string
>;
const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6;

function checksumOf(kind: string, random: string): string {
  return toBase62(crc32(`vlt_${kind}_${random}`), CHECKSUM_LENGTH);
}

export function generateLinkToken(purpose: EmailTokenPurpose): string {
  const kind = KIND[purpose];
  const random = randomBase62(RANDOM_LENGTH);
  return `vlt_${kind}_${random}${checksumOf(kind, random)}`;
}

/** Format and checksum only: no I/O. */
export function isLinkToken(purpose: EmailTokenPurpose, value: string): boolean {
  const kind = KIND[purpose];
  const match = new RegExp(`^vlt_${kind}_([0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}})$`).exec(
    value,
  );
  const body = match?.[1];
  if (!body) return false;
  return checksumOf(kind, body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

/** One answer for every link that cannot be used (malformed, unknown, spent, expired). */
export function linkNotValid(what: string): ApiError {
  const message = `This ${what} link is not valid any more: it was used, it expired, or it was mistyped. Ask for a new one.`;
  return new ApiError("VALIDATION_ERROR", message, [{ field: "token", message }]);
}

/** Stores the hash of a new link token; the token itself exists only in the mail. */
export async function insertEmailToken(
  tx: Db | Tx,
  link: {
    purpose: EmailTokenPurpose;
    token: string;
    userId: string | null;
    email: string;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.insert(emailTokens).values({
    tokenHash: hashToken(link.token),
    purpose: link.purpose,
    userId: link.userId,
    email: link.email,
    expiresAt: link.expiresAt,
    createdAt: now(),
  });
}

export interface UsableLink {
  tokenHash: string;
  userId: string;
  email: string;
  expiresAt: Date;
}

/**
 * The link's row if it can still be used: right purpose, an account behind it, not spent, not
 * expired. `lock` re-reads it FOR UPDATE inside a transaction, so two uses of one link cannot
 * both pass.
 */
export async function findUsableLink(
  db: Db | Tx,
  purpose: EmailTokenPurpose,
  token: string,
  options: { lock?: boolean } = {},
): Promise<UsableLink | null> {
  const query = db
    .select({
      tokenHash: emailTokens.tokenHash,
      userId: emailTokens.userId,
      email: emailTokens.email,
      expiresAt: emailTokens.expiresAt,
    })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNotNull(emailTokens.userId),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now()),
      ),
    );
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row?.userId) return null;
  return { ...row, userId: row.userId };
}

/** Spends every outstanding link of this purpose for the user: one use ends them all. */
export async function spendLinks(tx: Tx, userId: string, purpose: EmailTokenPurpose) {
  await tx
    .update(emailTokens)
    .set({ usedAt: now() })
    .where(
      and(
        eq(emailTokens.userId, userId),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
      ),
    );
}
