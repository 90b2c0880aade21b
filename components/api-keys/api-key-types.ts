import type { PublicApiKey } from "@/server/api-keys/public-api-key";
import type { ApiKeyStatus } from "@/server/api-keys/schemas";
import type { AuditEntryView } from "@/server/audit/schemas";
import type { Scope } from "@/server/scopes/catalogue";

// The JSON shapes of /api/v1, typed from the server's own serializers so they cannot drift.
export type ApiKey = PublicApiKey;
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

/** One entry of GET /api-keys/{id}/audit-log and GET /audit-logs. */
export type AuditEntry = AuditEntryView;

export interface CreateApiKeyInput {
  name: string;
  scopes: Scope[];
  expires_at: string | null;
}

/** The choices the rotate dialog offers for how long the old key keeps working. */
export const GRACE_PERIODS = [
  { seconds: 0, label: "Now", hint: "Programs still using the old key get 401 at once." },
  { seconds: 3600, label: "1 hour", hint: "Time to swap the key in one place." },
  { seconds: 86_400, label: "24 hours", hint: "A day to redeploy the programs that use it." },
  { seconds: 604_800, label: "7 days", hint: "The longest overlap; both keys work until then." },
] as const;
export type GraceSeconds = (typeof GRACE_PERIODS)[number]["seconds"];
