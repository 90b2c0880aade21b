import type { Tx } from "@/db";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { findAccessibleKey, seesAllKeys } from "./find-api-key";
import { type ApiKeyRow, keyStatus } from "./public-api-key";

// What approving and denying share: who decides, and the key awaiting the decision.

/** Approving adds a working credential: the organization's own owners and admins decide. */
export function assertMayDecideKeys(ctx: AuthContext): void {
  assertMember(ctx, "approve or deny its API keys");
}

/**
 * The pending key `id`, locked until the caller's transaction ends: of two decisions at once,
 * the second waits for the first and then finds the key decided (409). Another organization's
 * key is a 403 that reveals nothing, an unknown id a 404, a member a 403.
 */
export async function lockPendingKey(tx: Tx, ctx: AuthContext, id: string): Promise<ApiKeyRow> {
  const row = await findAccessibleKey(tx, ctx, id, { lock: true });
  if (!seesAllKeys(ctx)) {
    throw new ApiError("FORBIDDEN", "Only owners and admins approve or deny API keys");
  }
  const status = keyStatus(row);
  if (status !== "pending_approval") {
    const decided = row.approval === "approved" || row.approval === "denied";
    throw new ApiError(
      "CONFLICT",
      decided
        ? `This key was already ${row.approval}`
        : `This key is not awaiting approval (it is ${status.replace("_", " ")})`,
      { status, approval: row.approval },
    );
  }
  return row;
}
