"use server";

import { headers } from "next/headers";
import { signIn } from "@/server/auth/config";
import { ApiError } from "@/server/http/api-error";
import { clientIp } from "@/server/http/client-ip";
import { acceptInvitation } from "@/server/invitations/invitations";

export interface InviteState {
  error: string | null;
  name: string;
}

/** Accepts the invitation (new account or existing password), then signs in to the dashboard. */
export async function acceptInviteAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  const name = String(form.get("name") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const email = String(form.get("email") ?? "");
  try {
    await acceptInvitation(
      { token: String(form.get("token") ?? ""), name: name || undefined, password },
      clientIp(await headers()),
    );
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, name };
    throw error;
  }
  await signIn("credentials", { email, password, redirectTo: "/dashboard" });
  return { error: null, name };
}
