import { z } from "zod";
import { KEY_CREATORS } from "@/db/schema";
import { ENTITLEMENTS, PLANS } from "@/lib/plans";

// The plan and credential policies as the API reads and writes them (GET/PATCH /organizations/{id}).

export const planSchema = z
  .enum(PLANS, { error: `plan must be one of ${PLANS.join(", ")}` })
  .meta({ description: "What the organization may use: `free`, `team` or `enterprise`." });

export const entitlementsSchema = z
  .object({
    active_keys: z.number().int().meta({ description: "API keys in service at once" }),
    ip_allowlists: z.boolean(),
    per_key_rate_limits: z.boolean(),
    audit_log_days: z.number().int().meta({ description: "How far back the audit log reads" }),
    csv_export: z.boolean(),
    webhooks: z.boolean(),
    oauth_apps: z.boolean(),
    credential_policies: z.boolean(),
  })
  .meta({ id: "Entitlements", example: ENTITLEMENTS.team });

const days = (field: string, min: number) =>
  z
    .number({ error: `${field} must be a number of days, or null to turn it off` })
    .int(`${field} must be a whole number of days`)
    .min(min, `${field} must be at least ${min}`)
    .max(3650, `${field} must be at most 3650`)
    .nullable();

export const credentialPoliciesSchema = z
  .object({
    max_key_lifetime_days: days("max_key_lifetime_days", 1).meta({
      description:
        "New and rotated keys must expire within this many days (and never is not offered); null: no maximum.",
    }),
    revoke_unused_after_days: days("revoke_unused_after_days", 14).meta({
      description:
        "Keys unused this many days are revoked, after a warning 7 days ahead (email and webhook); null: never.",
    }),
    key_creators: z
      .enum(KEY_CREATORS, { error: 'key_creators must be "members" or "admins"' })
      .meta({
        description: "Who may create keys: every member, or admins and owners only.",
      }),
    require_key_approval: z.boolean({ error: "require_key_approval must be true or false" }).meta({
      description:
        "Keys members create wait for an owner's or admin's approval (401 `pending_approval` until then).",
    }),
    require_allowlist_for_live_keys: z
      .boolean({ error: "require_allowlist_for_live_keys must be true or false" })
      .meta({ description: "`vlt_live_` keys must carry an IP allowlist." }),
  })
  .meta({ id: "CredentialPolicies" });

export const updatePoliciesSchema = credentialPoliciesSchema
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "send at least one policy")
  .meta({
    description:
      "The policies to change; the others keep their value. null or false turns one off. Owners only, on a plan with credential policies.",
  });

export const organizationUsageSchema = z
  .object({
    active_keys: z.object({ used: z.number().int(), limit: z.number().int() }),
  })
  .meta({ id: "OrganizationUsage", description: "Current use against the plan's caps" });

export type UpdatePoliciesInput = z.infer<typeof updatePoliciesSchema>;
