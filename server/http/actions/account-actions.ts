"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/server/audit/record-audit";
import { signIn } from "@/server/auth/config";
import { withAction } from "@/server/http/with-action";
import { changePasswordSchema, renameAccountSchema } from "@/server/users/schemas";
import { changePassword, renameUser } from "@/server/users/update-account";

export interface AccountFormState {
  error: string | null;
  done: boolean;
  /** What was typed (never a password), so that a refused form keeps it. */
  name?: string;
}

const refused = (error: { message: string }): AccountFormState => ({
  error: error.message,
  done: false,
});

export const renameAction = withAction(
  {
    name: "renameAccount",
    access: { kind: "session" },
    input: renameAccountSchema,
    run: ({ ctx, input }) => renameUser(ctx.user.id, input.name, actorOf(ctx)),
    async respond({ input }): Promise<AccountFormState> {
      revalidatePath("/", "layout");
      return { error: null, done: true, name: input.name };
    },
  },
  (error, fields): AccountFormState => ({ ...refused(error), name: fields.name }),
);

/** Changes the password, which signs out every other session; this browser signs in afresh. */
export const changePasswordAction = withAction(
  {
    name: "changePassword",
    access: { kind: "session" },
    input: changePasswordSchema,
    run: ({ ctx, input }) =>
      changePassword(ctx.user.id, input.current_password, input.new_password, actorOf(ctx)),
    async respond({ ctx, input }): Promise<AccountFormState> {
      await signIn("credentials", {
        email: ctx.user.email,
        password: input.new_password,
        redirectTo: "/settings/account?password=changed",
      });
      return { error: null, done: true };
    },
  },
  refused,
);
