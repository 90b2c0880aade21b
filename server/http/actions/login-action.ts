"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { safeRedirect } from "@/lib/safe-redirect";
import { AccountLocked, signIn, TooManyLogins } from "@/server/auth/config";
import { credentialsSchema } from "@/server/auth/credentials";
import { withAction } from "@/server/http/with-action";

export interface LoginState {
  error: string | null;
  email: string;
}

const loginFormSchema = credentialsSchema.extend({
  callbackUrl: z.string().max(2048).optional(),
});

/** The login form: Auth.js's signIn, which charges the address and the account's budgets. */
export const login = withAction(
  {
    name: "login",
    access: { kind: "public", chargedBySignIn: true },
    input: loginFormSchema,
    async run({ input }): Promise<LoginState> {
      try {
        await signIn("credentials", {
          email: input.email,
          password: input.password,
          redirectTo: safeRedirect(input.callbackUrl),
        });
        return { error: null, email: input.email };
      } catch (error) {
        const message = signInRefusal(error);
        // signIn redirects by throwing: anything not a refused sign-in passes on.
        if (message === null) throw error;
        return { error: message, email: input.email };
      }
    },
  },
  (error, fields): LoginState => ({
    // A malformed address or password is just a failed sign-in, worded as one.
    error: error.code === "VALIDATION_ERROR" ? "Invalid email or password." : error.message,
    email: fields.email ?? "",
  }),
);

function signInRefusal(error: unknown): string | null {
  if (error instanceof AccountLocked) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  if (error instanceof TooManyLogins) {
    return "Too many sign-in attempts from your network. Wait a minute and try again.";
  }
  if (error instanceof AuthError) return "Invalid email or password.";
  return null;
}
