import type { invitations } from "@/db/schema";
import { now } from "@/lib/clock";
import type { PublicInvitation } from "./schemas";

export type InvitationRow = typeof invitations.$inferSelect;

export function toPublicInvitation(row: InvitationRow): PublicInvitation {
  const status = row.acceptedAt
    ? "accepted"
    : row.revokedAt
      ? "revoked"
      : row.expiresAt.getTime() <= now().getTime()
        ? "expired"
        : "pending";
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status,
    invited_by: row.invitedBy,
    expires_at: row.expiresAt.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}
