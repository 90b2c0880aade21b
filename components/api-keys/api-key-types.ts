import type { ApiKeyDetail as ServedApiKeyDetail } from "@/server/api-keys/api-key-detail";
import type { PublicApiKey } from "@/server/api-keys/public-api-key";
import type { ApiKeyStatus } from "@/server/api-keys/schemas";
import type { Scope } from "@/server/scopes/catalogue";

// The JSON shapes of /api/v1, typed from the server's own serializers so they cannot drift.
export type ApiKey = PublicApiKey;
/** GET /api-keys/{id}: the key plus the scopes it used in the last 30 days. */
export type ApiKeyDetail = ServedApiKeyDetail;
export type { ApiKeyStatus, Scope };

/** POST /api-keys: the public key plus its secret, which the server returns this once. */
export type CreatedApiKey = ApiKey & { key: string };

/** POST /api-keys/{id}/rotate: the new key and secret, and the old key as it now stands. */
export type RotatedApiKey = CreatedApiKey & { previous_key: ApiKey };

/** One entry of GET /scopes. */
export interface ScopeInfo {
  scope: Scope;
  resource: string;
  action: string;
  description: string;
  /** Whether the current user may grant it. */
  granted: boolean;
  /** The roles whose maximum includes it (empty: platform admins only). */
  roles: string[];
}

/** One entry of GET /api-keys/{id}/audit-log. */
export interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  credential: string | null;
  ip: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

export interface CreateApiKeyInput {
  name: string;
  scopes: Scope[];
  expires_at: string | null;
  allowed_ips?: string[];
}

/** PATCH /api-keys/{id}: any of these; scopes only shrink. */
export interface UpdateApiKeyInput {
  name?: string;
  allowed_ips?: string[];
  rate_limit_per_minute?: number | null;
  scopes?: Scope[];
}

/** The choices the rotate dialog offers for how long the old key keeps working. */
export const GRACE_PERIODS = [
  { seconds: 0, label: "Now", hint: "Programs still using the old key get 401 at once." },
  { seconds: 3600, label: "1 hour", hint: "Time to swap the key in one place." },
  { seconds: 86_400, label: "24 hours", hint: "A day to redeploy the programs that use it." },
  { seconds: 604_800, label: "7 days", hint: "The longest overlap; both keys work until then." },
] as const;
export type GraceSeconds = (typeof GRACE_PERIODS)[number]["seconds"];
