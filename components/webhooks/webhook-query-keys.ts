// No "use client": the server pages prefetch under the same keys the client reads.
/** Query keys, all under the organization: switching organization never shows stale endpoints. */
export const webhookQueryKeys = {
  all: (organizationId: string) => ["webhooks", organizationId] as const,
  list: (organizationId: string) => ["webhooks", organizationId, "list"] as const,
  detail: (organizationId: string, id: string) =>
    ["webhooks", organizationId, "detail", id] as const,
  deliveries: (organizationId: string, id: string) =>
    ["webhooks", organizationId, "deliveries", id] as const,
};
