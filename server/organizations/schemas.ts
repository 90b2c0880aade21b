import { z } from "zod";
import { ROLES } from "@/lib/roles";
import {
  credentialPoliciesSchema,
  entitlementsSchema,
  organizationUsageSchema,
  planSchema,
  updatePoliciesSchema,
} from "./governance-schemas";

export const organizationNameSchema = z.string().trim().min(1).max(100);
export const createOrganizationSchema = z
  .strictObject({ name: organizationNameSchema })
  .meta({ id: "CreateOrganization" });
export const THIRD_PARTY_ACCESS = ["any", "own_apps"] as const;
const thirdPartyAccessSchema = z
  .enum(THIRD_PARTY_ACCESS, { error: 'third_party_access must be "any" or "own_apps"' })
  .meta({
    description:
      "Which OAuth apps members may authorize to act here: `any`, or `own_apps` (only apps this organization registered). Grants it forbids stop working at once. Owners only.",
  });
export const updateOrganizationSchema = z
  .strictObject({
    name: organizationNameSchema.optional(),
    third_party_access: thirdPartyAccessSchema.optional(),
    plan: planSchema.optional().meta({
      description:
        "Platform admins only (admin:organizations). A downgrade never weakens security.",
    }),
    policies: updatePoliciesSchema.optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "send at least one of name, third_party_access, plan, policies",
  )
  .meta({ id: "UpdateOrganization" });
export type OrganizationNameInput = z.infer<typeof createOrganizationSchema>;
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;

export const publicOrganizationSchema = z
  .object({
    id: z.string().meta({ example: "org_3hT9xQ2mVb7Lk0PzR1aD" }),
    name: z.string(),
    role: z.enum(ROLES).nullable().meta({ description: "The caller's role; null if not a member" }),
    third_party_access: thirdPartyAccessSchema,
    plan: planSchema,
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Organization" });
export type PublicOrganization = z.infer<typeof publicOrganizationSchema>;

export const organizationDetailSchema = publicOrganizationSchema
  .extend({
    entitlements: entitlementsSchema,
    usage: organizationUsageSchema,
    policies: credentialPoliciesSchema,
  })
  .meta({ id: "OrganizationDetail" });
export type OrganizationDetail = z.infer<typeof organizationDetailSchema>;
