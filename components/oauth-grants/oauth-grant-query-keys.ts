// No "use client": the server pages prefetch under the same keys the client reads.
/**
 * Query keys, all under "oauth-grants": revoking from either page refreshes both lists. The
 * organization's list and its policy sit under the organization, so switching shows no stale data.
 */
export const oauthGrantQueryKeys = {
  all: ["oauth-grants"] as const,
  /** The signed-in user's own grants, in every organization (Connected apps). */
  mine: () => ["oauth-grants", "mine"] as const,
  /** The grant lists of every organization. */
  organizations: () => ["oauth-grants", "organization"] as const,
  /** Every grant in force in one organization (Third-party access). */
  organization: (organizationId: string) =>
    ["oauth-grants", "organization", organizationId] as const,
  /** The organization's third_party_access policy. */
  policy: (organizationId: string) => ["oauth-grants", "policy", organizationId] as const,
};
