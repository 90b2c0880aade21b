import type { Tx } from "@/db";
import { statusIncidentUpdates } from "@/db/schema";
import { newId } from "@/lib/ids";
import type { PublicIncident } from "./schemas";
import { forgetStatusReport, withUpdates } from "./status-report";

/** One entry of an incident's timeline: what was said, in which status, by whom, when. */
export async function recordIncidentUpdate(
  tx: Tx,
  update: { incidentId: string; status: string; message: string; userId: string; at: Date },
): Promise<void> {
  await tx.insert(statusIncidentUpdates).values({
    id: newId("incu"),
    incidentId: update.incidentId,
    status: update.status,
    message: update.message,
    createdBy: update.userId,
    createdAt: update.at,
  });
}

/** The incident as the API shows it once written; the cached status report is dropped. */
export async function publishedIncident(
  row: Parameters<typeof withUpdates>[0][number],
): Promise<PublicIncident> {
  forgetStatusReport();
  const [result] = await withUpdates([row]);
  if (!result) throw new Error("the incident just written is gone");
  return result;
}
