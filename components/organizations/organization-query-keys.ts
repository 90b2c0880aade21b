/** Query keys of one organization's detail (plan, entitlements, usage, policies). */
export const organizationQueryKeys = {
  detail: (organizationId: string) => ["organization", organizationId] as const,
};
