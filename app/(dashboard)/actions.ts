"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { recordAudit } from "@/server/audit/record-audit";
import { auth, signOut, unstable_update } from "@/server/auth/config";
import { endAllSessions } from "@/server/auth/session-validity";
import { clientIp } from "@/server/http/client-ip";
import { listEnterableOrganizations } from "@/server/organizations/list-organizations";

export async function switchOrganization(organizationId: string): Promise<{ ok: boolean }> {
  const session = await auth();
  if (!session?.userId) return { ok: false };
  const target = (await listEnterableOrganizations(session.userId)).find(
    (org) => org.id === organizationId,
  );
  // Refused for organizations the user may not enter; the jwt callback checks again.
  if (!target) return { ok: false };
  await unstable_update({ organizationId });
  if (target.role === null) {
    const ip = clientIp(await headers());
    await recordAudit(
      await getDb(),
      { userId: session.userId, credentialId: "session", ip },
      {
        action: "organization.switched",
        organizationId,
        targetType: "organization",
        targetId: organizationId,
        metadata: { from: session.organizationId },
      },
    );
  }
  revalidatePath("/", "layout");
  return { ok: true };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Ends every browser session of the user, on every device, then this one's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await auth();
  if (session?.userId) await endAllSessions(session.userId);
  await signOut({ redirectTo: "/login" });
}
