import type { GetColumnData } from "drizzle-orm";
import type { z } from "zod";
import { apiKeys, users } from "@/db/schema";
import { nowMs } from "@/lib/clock";
import type { ApiKeyStatus, publicApiKeySchema } from "./schemas";

export const EXPIRING_SOON_MS = 7 * 24 * 60 * 60 * 1000;

/** Columns a key may be served with. The secret hash is not among them: it never leaves here. */
export const publicApiKeyColumns = {
  id: apiKeys.id,
  organizationId: apiKeys.organizationId,
  name: apiKeys.name,
  environment: apiKeys.environment,
  prefix: apiKeys.prefix,
  last4: apiKeys.last4,
  scopes: apiKeys.scopes,
  createdBy: apiKeys.createdBy,
  creatorName: users.name,
  creatorEmail: users.email,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  allowedIps: apiKeys.allowedIps,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
  revokedAt: apiKeys.revokedAt,
  rotatedFromId: apiKeys.rotatedFromId,
  replacedById: apiKeys.replacedById,
  approval: apiKeys.approval,
  approvalDecidedAt: apiKeys.approvalDecidedAt,
};

type PublicApiKeyColumns = typeof publicApiKeyColumns;

/** A key as `publicApiKeyColumns` selects it (the creator's columns come from an inner join). */
export type ApiKeyRow = {
  [K in keyof PublicApiKeyColumns]: GetColumnData<PublicApiKeyColumns[K]>;
};

export type PublicApiKey = z.infer<typeof publicApiKeySchema>;

export function keyStatus(
  row: Pick<ApiKeyRow, "revokedAt" | "expiresAt"> & Partial<Pick<ApiKeyRow, "approval">>,
): ApiKeyStatus {
  const now = nowMs();
  if (row.revokedAt && row.revokedAt.getTime() <= now) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now) return "expired";
  if (row.approval === "pending") return "pending_approval";
  if (row.expiresAt && row.expiresAt.getTime() - now < EXPIRING_SOON_MS) return "expiring_soon";
  return "active";
}

export function toPublicApiKey(row: ApiKeyRow): PublicApiKey {
  return {
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    environment: row.environment,
    prefix: row.prefix,
    last4: row.last4,
    scopes: row.scopes,
    created_by: row.createdBy,
    creator: { id: row.createdBy, name: row.creatorName, email: row.creatorEmail },
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    last_used_ip: row.lastUsedIp,
    allowed_ips: row.allowedIps,
    rate_limit_per_minute: row.rateLimitPerMinute,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    status: keyStatus(row),
    rotated_from: row.rotatedFromId,
    replaced_by: row.replacedById,
    approval: row.approval,
    approval_decided_at: row.approvalDecidedAt?.toISOString() ?? null,
  };
}
