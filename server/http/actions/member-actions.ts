"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestOrigin, withAction } from "@/server/http/with-action";
import { createInvitation } from "@/server/invitations/create-invitation";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { createInvitationSchema } from "@/server/invitations/schemas";
import { changeRole } from "@/server/users/change-role";
import { updateMemberSchema } from "@/server/users/schemas";

// The same doors as POST /invitations, DELETE /invitations/{id} and PATCH /users/{id}: their
// scope and schemas; the domain functions hold the rest (who may grant what, visits).

export interface InviteState {
  error: string | null;
  /** The link to share, when email is not configured; null when it was mailed. */
  url: string | null;
  /** The address the link was mailed to, when it was. */
  sentTo: string | null;
}

export const inviteAction = withAction(
  {
    name: "invite",
    access: { kind: "session", scope: "write:users" },
    input: createInvitationSchema,
    run: async ({ ctx, input }) => createInvitation(ctx, input, await requestOrigin()),
    async respond({ value }): Promise<InviteState> {
      revalidatePath("/settings/members");
      return value.delivery === "email"
        ? { error: null, url: null, sentTo: value.invitation.email }
        : { error: null, url: value.url, sentTo: null };
    },
  },
  (error): InviteState => ({ error: error.message, url: null, sentTo: null }),
);

const idSchema = z.string().min(1).max(64);

export interface RoleState {
  error: string | null;
}

export const revokeInvitationAction = withAction(
  {
    name: "revokeInvitation",
    access: { kind: "session", scope: "write:users" },
    input: z.strictObject({ id: idSchema }),
    run: ({ ctx, input }) => revokeInvitation(ctx, input.id),
    async respond(): Promise<RoleState> {
      revalidatePath("/settings/members");
      return { error: null };
    },
  },
  (error): RoleState => ({ error: error.message }),
);

export const changeRoleAction = withAction(
  {
    name: "changeRole",
    access: { kind: "session", scope: "write:users" },
    input: updateMemberSchema.extend({ userId: idSchema }),
    run: ({ ctx, input }) => changeRole(ctx, input),
    async respond(): Promise<RoleState> {
      revalidatePath("/settings/members");
      return { error: null };
    },
  },
  (error): RoleState => ({ error: error.message }),
);
