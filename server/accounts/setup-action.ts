"use server";

import { createFirstUser } from "@/server/accounts/first-run";
import { signIn } from "@/server/auth/config";
import { ApiError } from "@/server/http/api-error";

export interface SetupState {
  error: string | null;
  values: { name: string; email: string; organization: string };
}

/** Creates the first user and organization, then signs them in and lands on the dashboard. */
export async function setupAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const field = (name: string) => String(form.get(name) ?? "");
  const values = {
    name: field("name"),
    email: field("email"),
    organization: field("organization"),
  };
  try {
    await createFirstUser({ ...values, token: field("token"), password: field("password") });
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, values };
    throw error;
  }
  // signIn redirects by throwing, so it stays outside the try above.
  await signIn("credentials", {
    email: values.email.trim().toLowerCase(),
    password: field("password"),
    redirectTo: "/dashboard",
  });
  return { error: null, values };
}
