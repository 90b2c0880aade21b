"use server";

import { signIn } from "@/server/auth/config";
import { withAction } from "@/server/http/with-action";
import { createFirstUser, firstUserSchema } from "@/server/users/first-run";

export interface SetupState {
  error: string | null;
  values: { name: string; email: string; organization: string };
}

/** Creates the first user and organization, then signs them in and lands on the dashboard. */
export const setupAction = withAction(
  {
    name: "setup",
    access: { kind: "public" },
    input: firstUserSchema,
    run: ({ input }) => createFirstUser(input),
    async respond({ input }): Promise<SetupState> {
      // signIn redirects by throwing; withAction lets Next.js's redirect through.
      await signIn("credentials", {
        email: input.email.trim().toLowerCase(),
        password: input.password,
        redirectTo: "/dashboard",
      });
      return { error: null, values: { name: "", email: "", organization: "" } };
    },
  },
  (error, fields): SetupState => ({
    error: error.message,
    values: {
      name: fields.name ?? "",
      email: fields.email ?? "",
      organization: fields.organization ?? "",
    },
  }),
);
