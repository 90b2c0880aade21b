// The plans and what each one includes: the single source for the API's gates, the dashboard's
// "Available on Team" notes and the docs. Below every layer, like the scopes and the roles.

export const PLANS = ["free", "team", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export const PLAN_LABELS: Record<Plan, string> = {
  free: "Free",
  team: "Team",
  enterprise: "Enterprise",
};

/** What a plan includes: numbers are caps, booleans are features. */
export interface Entitlements {
  /** API keys in service (neither revoked, expired nor replaced) at once. */
  active_keys: number;
  ip_allowlists: boolean;
  per_key_rate_limits: boolean;
  /** How far back the audit log can be read, in days. */
  audit_log_days: number;
  csv_export: boolean;
  webhooks: boolean;
  oauth_apps: boolean;
  credential_policies: boolean;
}

export const ENTITLEMENTS: Record<Plan, Entitlements> = {
  free: {
    active_keys: 10,
    ip_allowlists: false,
    per_key_rate_limits: false,
    audit_log_days: 7,
    csv_export: false,
    webhooks: false,
    oauth_apps: false,
    credential_policies: false,
  },
  team: {
    active_keys: 100,
    ip_allowlists: true,
    per_key_rate_limits: true,
    audit_log_days: 90,
    csv_export: true,
    webhooks: true,
    oauth_apps: true,
    credential_policies: false,
  },
  enterprise: {
    active_keys: 1000,
    ip_allowlists: true,
    per_key_rate_limits: true,
    audit_log_days: 365,
    csv_export: true,
    webhooks: true,
    oauth_apps: true,
    credential_policies: true,
  },
};

/** The features a plan switches on or off (`details.feature` of a 403 `plan` refusal). */
export type Feature = {
  [K in keyof Entitlements]: Entitlements[K] extends boolean ? K : never;
}[keyof Entitlements];

/** Caps and windows, which grow from plan to plan (`details.feature` when one is reached). */
export type Limit = Exclude<keyof Entitlements, Feature>;

/** How a feature or a cap reads in the dashboard and in refusals. */
export const ENTITLEMENT_LABELS: Record<keyof Entitlements, string> = {
  active_keys: "Active API keys",
  ip_allowlists: "IP allowlists",
  per_key_rate_limits: "Per-key rate limits",
  audit_log_days: "Audit log history",
  csv_export: "CSV export",
  webhooks: "Webhooks",
  oauth_apps: "OAuth apps",
  credential_policies: "Credential policies",
};

export function hasFeature(plan: Plan, feature: Feature): boolean {
  return ENTITLEMENTS[plan][feature];
}

/** The first plan that includes a feature, or that allows more than `current` of a limit. */
export function requiredPlan(feature: Feature): Plan;
export function requiredPlan(limit: Limit, current: number): Plan | null;
export function requiredPlan(name: keyof Entitlements, current?: number): Plan | null {
  for (const plan of PLANS) {
    const value = ENTITLEMENTS[plan][name];
    if (typeof value === "boolean" ? value : value > (current ?? 0)) return plan;
  }
  return null;
}
