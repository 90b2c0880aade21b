// No "use client": the server page prefetches under the same keys the client reads.
/** Query keys, all under the organization: switching organization never shows stale keys. */
export const apiKeyQueryKeys = {
  all: (organizationId: string) => ["api-keys", organizationId] as const,
  /** Every list of the organization's keys, whatever its filters. */
  lists: (organizationId: string) => ["api-keys", organizationId, "list"] as const,
  /** One filtered list, by its GET /api-keys query string (without the cursor). */
  list: (organizationId: string, search: string) =>
    ["api-keys", organizationId, "list", search] as const,
  detail: (organizationId: string, id: string) =>
    ["api-keys", organizationId, "detail", id] as const,
  auditLog: (organizationId: string, id: string) =>
    ["api-keys", organizationId, "audit-log", id] as const,
  /** Every usage range of one key. */
  usageOf: (organizationId: string, id: string) =>
    ["api-keys", organizationId, "usage", id] as const,
  usage: (organizationId: string, id: string, range: string) =>
    ["api-keys", organizationId, "usage", id, range] as const,
  scopes: (organizationId: string) => ["scopes", organizationId] as const,
  members: (organizationId: string) => ["members", organizationId] as const,
};
