"use server";

import { AuthError } from "next-auth";
import { AccountLocked, signIn, TooManyLogins } from "@/server/auth/config";

export interface LoginState {
  error: string | null;
  email: string;
}

/** Only same-site paths may follow a login, so the form cannot be used as an open redirect. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/dashboard";
}

export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallback(form.get("callbackUrl")),
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
