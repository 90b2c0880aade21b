"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { recordAudit } from "@/server/audit/record-audit";
import { auth, unstable_update } from "@/server/auth/config";
import { dashboardContext } from "@/server/auth/dashboard-session";
import { clientIp } from "@/server/http/client-ip";
import { listEnterableOrganizations } from "./list-organizations";
import { createOrganization, createOrganizationSchema } from "./manage-organizations";

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
        // Never the organization it came from: that is another tenant's id, and this row is
        // this organization's to read.
      },
    );
  }
  revalidatePath("/", "layout");
  return { ok: true };
}

export interface NewOrgState {
  error: string | null;
}

/** Creates an organization owned by the signed-in user (as POST /organizations does) and switches to it. */
export async function createOrganizationAction(
  _prev: NewOrgState,
  form: FormData,
): Promise<NewOrgState> {
  const input = createOrganizationSchema.safeParse({ name: String(form.get("name") ?? "") });
  if (!input.success) return { error: "Enter a name of 1 to 100 characters" };
  const org = await createOrganization(await dashboardContext(), input.data);
  await switchOrganization(org.id);
  revalidatePath("/", "layout");
  redirect("/settings/general");
}
