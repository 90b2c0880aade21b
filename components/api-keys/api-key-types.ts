import type { components } from "@/lib/api-schema";

// The JSON shapes of /api/v1, as the types generated from the OpenAPI document declare them (the
// document is built from the zod schemas the server validates with), so the dashboard cannot
// drift from the API.
type ApiSchemas = components["schemas"];

export type ApiKey = ApiSchemas["ApiKey"];
export type ApiKeyStatus = ApiKey["status"];
export type Scope = ApiKey["scopes"][number];
/** GET /api-keys/{id}: the key plus the scopes it used in the last 30 days. */
export type ApiKeyDetail = ApiSchemas["ApiKeyDetail"];
/** One entry of GET /scopes. */
export type ScopeInfo = ApiSchemas["Scope"];
/** One entry of GET /api-keys/{id}/audit-log and GET /audit-logs. */
export type AuditEntry = ApiSchemas["AuditEntry"];
/** The body of POST /api-keys, as the create dialog sends it. */
export type CreateApiKeyInput = ApiSchemas["CreateApiKeyRequest"];
/** PATCH /api-keys/{id}: any of these; scopes only shrink. */
export type UpdateApiKeyInput = ApiSchemas["UpdateApiKeyRequest"];

/** The choices the rotate dialog offers for how long the old key keeps working. */
export const GRACE_PERIODS = [
  { seconds: 0, label: "Now", hint: "Programs still using the old key get 401 at once." },
  { seconds: 3600, label: "1 hour", hint: "Time to swap the key in one place." },
  { seconds: 86_400, label: "24 hours", hint: "A day to redeploy the programs that use it." },
  { seconds: 604_800, label: "7 days", hint: "The longest overlap; both keys work until then." },
] as const;
export type GraceSeconds = (typeof GRACE_PERIODS)[number]["seconds"];
