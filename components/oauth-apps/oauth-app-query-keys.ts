// No "use client": the server pages prefetch under the same keys the client reads.
/** Query keys, all under the organization: switching organization never shows stale apps. */
export const oauthAppQueryKeys = {
  all: (organizationId: string) => ["oauth-apps", organizationId] as const,
  list: (organizationId: string) => ["oauth-apps", organizationId, "list"] as const,
  detail: (organizationId: string, id: string) =>
    ["oauth-apps", organizationId, "detail", id] as const,
  usage: (organizationId: string, id: string, range: string) =>
    ["oauth-apps", organizationId, "usage", id, range] as const,
};
