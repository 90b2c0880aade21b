"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { switchOrganization } from "@/app/(dashboard)/actions";
import { getDb } from "@/db";
import { requireDashboardSession } from "@/server/auth/dashboard-session";
import { clientIp } from "@/server/http/client-ip";
import { insertOrganization } from "@/server/organizations/manage-organizations";

export interface NewOrgState {
  error: string | null;
}

/** Creates an organization owned by the signed-in user and switches to it. */
export async function createOrganizationAction(
  _prev: NewOrgState,
  form: FormData,
): Promise<NewOrgState> {
  const session = await requireDashboardSession();
  const name = String(form.get("name") ?? "").trim();
  if (!name || name.length > 100) return { error: "Enter a name of 1 to 100 characters" };
  const ip = clientIp(await headers());
  const db = await getDb();
  const org = await db.transaction((tx) =>
    insertOrganization(tx, name, session.user.id, {
      userId: session.user.id,
      credentialId: "session",
      ip,
    }),
  );
  await switchOrganization(org.id);
  revalidatePath("/", "layout");
  redirect("/settings/general");
}
