// No "use client": the server page prefetches under the same keys the client reads.
/** Query keys, all under the organization: switching organization never shows stale keys. */
export const apiKeyQueryKeys = {
  all: (organizationId: string) => ["api-keys", organizationId] as const,
  list: (organizationId: string) => ["api-keys", organizationId, "list"] as const,
  detail: (organizationId: string, id: string) =>
    ["api-keys", organizationId, "detail", id] as const,
  auditLog: (organizationId: string, id: string) =>
    ["api-keys", organizationId, "audit-log", id] as const,
  usage: (organizationId: string, id: string, range: string) =>
    ["api-keys", organizationId, "usage", id, range] as const,
  scopes: (organizationId: string) => ["scopes", organizationId] as const,
};
