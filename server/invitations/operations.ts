import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { pageQuerySchema } from "@/server/core/pagination";
import { tokenPairSchema } from "@/server/tokens/schemas";
import {
  acceptInvitationSchema,
  createdInvitationSchema,
  createInvitationSchema,
  invitationSchema,
} from "./schemas";

export const listInvitationsOperation = defineOperation({
  method: "GET",
  path: "/invitations",
  summary: "List pending invitations",
  description: "Pending invitations of the organization, newest first; never a token or link.",
  scope: "read:users",
  query: pageQuerySchema("inv"),
  response: {
    status: 200,
    schema: z.array(invitationSchema),
    description: "A page of invitations",
    paginated: true,
  },
  errors: [],
});

export const createInvitationOperation = defineOperation({
  method: "POST",
  path: "/invitations",
  summary: "Invite someone",
  description:
    'With email configured (`SMTP_URL`), the link is mailed to the invited address and not answered (`delivery: "email"`), so accepting it proves the address. Otherwise it is in `url`, shown this once, for its sender to share (`delivery: "link"`). Valid for 7 days and one use. Owners invite owners; admins invite admins and members; a visiting platform admin invites no one. An address that is already a member, or already has a pending invitation here, is a 409 (`details[0].invitation_id` names the pending one: resend or revoke it). Once someone joins, their other pending invitations here are revoked.',
  scope: "write:users",
  body: createInvitationSchema,
  example: { email: "new.colleague@example.com", role: "member" },
  response: { status: 201, schema: createdInvitationSchema, description: "The invitation" },
  errors: [409],
});

export const revokeInvitationOperation = defineOperation({
  method: "DELETE",
  path: "/invitations/{id}",
  summary: "Revoke an invitation",
  scope: "write:users",
  params: z.object({ id: z.string() }),
  response: { status: 200, schema: invitationSchema, description: "The revoked invitation" },
  errors: [404],
});

export const resendInvitationOperation = defineOperation({
  method: "POST",
  path: "/invitations/{id}/resend",
  summary: "Send an invitation again",
  description:
    "A new link, valid 7 days from now; the old link stops working. Delivered like a new invitation: mailed when email is configured, otherwise in `url`, shown this once. A pending or expired invitation can be resent; an accepted or revoked one is a 409, and so is one whose address has a newer pending invitation. The resender becomes its sender.",
  scope: "write:users",
  params: z.object({ id: z.string() }),
  response: { status: 200, schema: createdInvitationSchema, description: "The invitation" },
  errors: [404, 409],
});

export const acceptInvitationOperation = defineOperation({
  method: "POST",
  path: "/invitations/accept",
  summary: "Accept an invitation",
  description:
    "A new email needs `name` and a password (12+ characters, not common); an existing account gives its own password. Answers a token pair like POST /auth/token. A used, expired or revoked invitation is a 404.",
  scope: "public",
  body: acceptInvitationSchema,
  response: { status: 200, schema: tokenPairSchema, description: "Tokens for the new member" },
  errors: [401, 404, 409],
});

export const INVITATION_OPERATIONS = [
  listInvitationsOperation,
  createInvitationOperation,
  revokeInvitationOperation,
  resendInvitationOperation,
  acceptInvitationOperation,
];
