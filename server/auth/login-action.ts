"use server";

import { AuthError } from "next-auth";
import { safeRedirect } from "@/lib/safe-redirect";
import { AccountLocked, signIn, TooManyLogins } from "@/server/auth/config";

export interface LoginState {
  error: string | null;
  email: string;
}

export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeRedirect(form.get("callbackUrl")),
    });
    return { error: null, email };
  } catch (error) {
    // signIn redirects by throwing; only authentication failures are ours to show.
    if (error instanceof AccountLocked) {
      const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
      return {
        error: `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        email,
      };
    }
    if (error instanceof TooManyLogins) {
      return {
        error: "Too many sign-in attempts from your network. Wait a minute and try again.",
        email,
      };
    }
    if (error instanceof AuthError) {
      return { error: "Invalid email or password.", email };
    }
    throw error;
  }
}
