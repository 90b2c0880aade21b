"use server";

import { auth, signOut } from "@/server/auth/config";
import { endAllSessions } from "@/server/auth/session-validity";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Ends every browser session of the user, on every device, then this one's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await auth();
  if (session?.userId) await endAllSessions(session.userId);
  await signOut({ redirectTo: "/login" });
}
