"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { publicBaseUrl } from "@/server/http/public-url";
import { withAction } from "@/server/http/with-action";
import { createInvitation, revokeInvitation } from "@/server/invitations/invitations";
import { createInvitationSchema } from "@/server/invitations/schemas";
import { changeRole } from "@/server/users/change-role";
import { updateMemberSchema } from "@/server/users/schemas";

// The same doors as POST /invitations, DELETE /invitations/{id} and PATCH /users/{id}: their
// scope and schemas; the domain functions hold the rest (who may grant what, visits).

export interface InviteState {
  error: string | null;
  url: string | null;
}

export const inviteAction = withAction(
  {
    name: "invite",
    access: { kind: "session", scope: "write:users" },
    input: createInvitationSchema,
    run: ({ ctx, input }) => createInvitation(ctx, input),
    async respond({ value }): Promise<InviteState> {
      revalidatePath("/settings/members");
      const origin = (await headers()).get("origin");
      return { error: null, url: `${publicBaseUrl(origin)}/invite/${value.token}` };
    },
  },
  (error): InviteState => ({ error: error.message, url: null }),
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
