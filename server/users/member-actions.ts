"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { Role } from "@/lib/roles";
import type { AuthContext } from "@/server/auth/auth-context";
import { dashboardContext } from "@/server/auth/dashboard-session";
import { ApiError } from "@/server/http/api-error";
import { publicBaseUrl } from "@/server/http/public-url";
import { createInvitation, revokeInvitation } from "@/server/invitations/invitations";
import { changeRole } from "@/server/users/change-role";

function requireScope(ctx: AuthContext): void {
  if (!ctx.scopes.includes("write:users")) {
    throw new ApiError("FORBIDDEN", "Only owners and admins manage members");
  }
}

export interface InviteState {
  error: string | null;
  url: string | null;
}

export async function inviteAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  try {
    const ctx = await dashboardContext();
    requireScope(ctx);
    const email = String(form.get("email") ?? "");
    const role = String(form.get("role") ?? "member") as Role;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return { error: "Enter a valid email address", url: null };
    }
    if (!["member", "admin", "owner"].includes(role)) return { error: "Pick a role", url: null };
    const { token } = await createInvitation(ctx, { email, role });
    revalidatePath("/settings/members");
    return {
      error: null,
      url: `${publicBaseUrl((await headers()).get("origin"))}/invite/${token}`,
    };
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, url: null };
    throw error;
  }
}

export async function revokeInvitationAction(form: FormData): Promise<void> {
  const ctx = await dashboardContext();
  requireScope(ctx);
  await revokeInvitation(ctx, String(form.get("id") ?? ""));
  revalidatePath("/settings/members");
}

export interface RoleState {
  error: string | null;
}

export async function changeRoleAction(_prev: RoleState, form: FormData): Promise<RoleState> {
  try {
    const ctx = await dashboardContext();
    requireScope(ctx);
    await changeRole(ctx, {
      userId: String(form.get("userId") ?? ""),
      role: String(form.get("role") ?? "") as Role,
    });
    revalidatePath("/settings/members");
    return { error: null };
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
}
