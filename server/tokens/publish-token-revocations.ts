import type { Tx } from "@/db";
import { publishAuthChange } from "@/server/auth/auth-bus";

export async function publishTokenRevocations(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length > 0) await publishAuthChange(tx, { credentialIds: ids });
}
