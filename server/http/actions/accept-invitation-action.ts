"use server";

import { z } from "zod";
import { signIn } from "@/server/auth/config";
import { withAction } from "@/server/http/with-action";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { acceptInvitationSchema } from "@/server/invitations/schemas";

export interface InviteState {
  error: string | null;
  name: string;
}

// The API operation's schema; an empty name field means "no name" (an existing account).
const acceptInviteFormSchema = acceptInvitationSchema.extend({
  name: acceptInvitationSchema.shape.name.or(z.literal("").transform(() => undefined)),
});

/** Accepts the invitation (new account or existing password), then signs in to the dashboard. */
export const acceptInviteAction = withAction(
  {
    name: "acceptInvitation",
    access: { kind: "public" },
    input: acceptInviteFormSchema,
    run: ({ input, ctx }) => acceptInvitation(input, ctx.ip),
    async respond({ value, input }): Promise<InviteState> {
      await signIn("credentials", {
        email: value.email,
        password: input.password,
        redirectTo: "/dashboard",
      });
      return { error: null, name: input.name ?? "" };
    },
  },
  (error, fields): InviteState => ({ error: error.message, name: fields.name ?? "" }),
);
