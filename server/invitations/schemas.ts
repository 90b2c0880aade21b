import { z } from "zod";
import { ROLES } from "@/lib/roles";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const createInvitationSchema = z
  .strictObject({
    email: z.email().max(254),
    role: z.enum(ROLES),
  })
  .meta({ id: "CreateInvitation" });
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const acceptInvitationSchema = z
  .strictObject({
    token: z.string().min(1).max(200),
    name: z.string().trim().min(1).max(100).optional(),
    password: z.string().min(1).max(256),
  })
  .meta({ id: "AcceptInvitation" });
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const invitationSchema = z
  .object({
    id: z.string().meta({ example: "inv_3hT9xQ2mVb7Lk0PzR1aD" }),
    email: z.string(),
    role: z.enum(ROLES),
    status: z.enum(["pending", "accepted", "revoked", "expired"]),
    invited_by: z.string(),
    expires_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Invitation" });
export type PublicInvitation = z.infer<typeof invitationSchema>;

export const INVITATION_DELIVERIES = ["email", "link"] as const;
export type InvitationDelivery = (typeof INVITATION_DELIVERIES)[number];

export const createdInvitationSchema = invitationSchema
  .extend({
    delivery: z.enum(INVITATION_DELIVERIES).meta({
      description:
        "`email`: the link was mailed to the invited address only, and is not in this answer, so holding it proves the address. `link`: email is not configured; share `url` yourself.",
    }),
    url: z.string().optional().meta({
      description: "The invitation link, shown this once; only when `delivery` is `link`",
    }),
  })
  .meta({ id: "CreatedInvitation" });
