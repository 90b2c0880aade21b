import type { z } from "zod";
import type { Scope } from "@/lib/scopes";
import type {
  ApiKeyStatus,
  apiKeyDetailSchema,
  createApiKeySchema,
  createdApiKeySchema,
  publicApiKeySchema,
  rotatedApiKeySchema,
  updateApiKeySchema,
} from "@/server/api-keys/schemas";
import type { AuditEntryView } from "@/server/audit/schemas";
import type { scopeEntrySchema } from "@/server/scopes/catalogue";

// The JSON shapes of /api/v1, inferred from the zod schemas the server validates and documents
// them with, so the dashboard cannot drift from the API.
export type { ApiKeyStatus, Scope };
export type ApiKey = z.infer<typeof publicApiKeySchema>;
/** GET /api-keys/{id}: the key plus the scopes it used in the last 30 days. */
export type ApiKeyDetail = z.infer<typeof apiKeyDetailSchema>;
/** POST /api-keys: the key plus its secret, which the server returns this once. */
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
/** POST /api-keys/{id}/rotate: the new key and secret, and the old key as it now stands. */
export type RotatedApiKey = z.infer<typeof rotatedApiKeySchema>;
/** One entry of GET /scopes. */
export type ScopeInfo = z.infer<typeof scopeEntrySchema>;
/** One entry of GET /api-keys/{id}/audit-log and GET /audit-logs. */
export type AuditEntry = AuditEntryView;
/** The body of POST /api-keys, as the create dialog sends it. */
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
/** PATCH /api-keys/{id}: any of these; scopes only shrink. */
export type UpdateApiKeyInput = z.input<typeof updateApiKeySchema>;

/** The choices the rotate dialog offers for how long the old key keeps working. */
export const GRACE_PERIODS = [
  { seconds: 0, label: "Now", hint: "Programs still using the old key get 401 at once." },
  { seconds: 3600, label: "1 hour", hint: "Time to swap the key in one place." },
  { seconds: 86_400, label: "24 hours", hint: "A day to redeploy the programs that use it." },
  { seconds: 604_800, label: "7 days", hint: "The longest overlap; both keys work until then." },
] as const;
export type GraceSeconds = (typeof GRACE_PERIODS)[number]["seconds"];
