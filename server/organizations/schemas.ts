import { z } from "zod";
import { ROLES } from "@/lib/roles";

export const organizationNameSchema = z.string().trim().min(1).max(100);
export const createOrganizationSchema = z
  .strictObject({ name: organizationNameSchema })
  .meta({ id: "CreateOrganization" });
export const updateOrganizationSchema = z
  .strictObject({ name: organizationNameSchema })
  .meta({ id: "UpdateOrganization" });
export type OrganizationNameInput = z.infer<typeof createOrganizationSchema>;

export const publicOrganizationSchema = z
  .object({
    id: z.string().meta({ example: "org_3hT9xQ2mVb7Lk0PzR1aD" }),
    name: z.string(),
    role: z.enum(ROLES).nullable().meta({ description: "The caller's role; null if not a member" }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Organization" });
export type PublicOrganization = z.infer<typeof publicOrganizationSchema>;
