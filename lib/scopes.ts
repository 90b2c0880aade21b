// The one list of scopes, below every layer so the database's `scopes` columns are typed by it.
// Descriptions, role maximums, the zod enum and GET /api/v1/scopes live in server/scopes/catalogue.
export const SCOPES = [
  "read:users",
  "write:users",
  "read:time-entries",
  "write:time-entries",
  "read:api-keys",
  "write:api-keys",
  "read:audit-logs",
  "read:oauth-apps",
  "write:oauth-apps",
  "read:webhooks",
  "write:webhooks",
  "admin:organizations",
] as const;

export type Scope = (typeof SCOPES)[number];
