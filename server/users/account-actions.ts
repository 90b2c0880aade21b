"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { signIn } from "@/server/auth/config";
import { requireDashboardSession } from "@/server/auth/dashboard-session";
import { ApiError } from "@/server/http/api-error";
import { clientIp } from "@/server/http/client-ip";
import { changePassword, renameUser } from "@/server/users/update-account";

export interface AccountFormState {
  error: string | null;
  done: boolean;
}

async function actor() {
  const session = await requireDashboardSession();
  return {
    session,
    actor: { userId: session.user.id, credentialId: "session", ip: clientIp(await headers()) },
  };
}

export async function renameAction(_prev: AccountFormState, form: FormData) {
  const { session, actor: who } = await actor();
  try {
    await renameUser(session.user.id, String(form.get("name") ?? ""), who);
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, done: false };
    throw error;
  }
  revalidatePath("/", "layout");
  return { error: null, done: true };
}

/** Changes the password, which signs out every other session; this browser signs in afresh. */
export async function changePasswordAction(_prev: AccountFormState, form: FormData) {
  const { session, actor: who } = await actor();
  const next = String(form.get("new_password") ?? "");
  try {
    await changePassword(session.user.id, String(form.get("current_password") ?? ""), next, who);
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, done: false };
    throw error;
  }
  await signIn("credentials", {
    email: session.user.email,
    password: next,
    redirectTo: "/settings/account?password=changed",
  });
  return { error: null, done: true };
}
