"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestOrigin, withAction } from "@/server/http/with-action";
import { createInvitation } from "@/server/invitations/create-invitation";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { createInvitationSchema } from "@/server/invitations/schemas";

// The same doors as POST /invitations and DELETE /invitations/{id}: their scope and schemas; the
// domain functions hold the rest (who may grant what, visits). Role changes and removals go
// through the API itself (PATCH and DELETE /users/{id}, from the Members page's dialogs).

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
