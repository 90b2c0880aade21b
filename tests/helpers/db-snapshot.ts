import { getDb } from "@/db";
import {
  apiKeys,
  auditLogs,
  memberships,
  timeEntries,
  tokenFamilies,
  users,
  userTokens,
} from "@/db/schema";

/** Bookkeeping that may move on any authenticated call (usage flushes), not state a caller set. */
const VOLATILE = new Set(["lastUsedAt", "lastUsedIp"]);

/**
 * The tables a refused request must leave alone, as one comparable string per table. Audit rows
 * of platform-admin overrides are kept apart (audit_overrides): issue 8 writes them once the
 * rate-limit and scope checks pass, so a later 400 may rightly carry one.
 */
export async function snapshot(): Promise<Record<string, string>> {
  const db = await getDb();
  const audit = await db.select().from(auditLogs);
  const tables = {
    api_keys: await db.select().from(apiKeys),
    user_tokens: await db.select().from(userTokens),
    token_families: await db.select().from(tokenFamilies),
    memberships: await db.select().from(memberships),
    users: await db.select().from(users),
    audit_logs: audit.filter((row) => row.action !== "organization.override"),
    audit_overrides: audit.filter((row) => row.action === "organization.override"),
    time_entries: await db.select().from(timeEntries),
  };
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      `${rows.length}:${JSON.stringify(
        rows
          .map((row) =>
            Object.fromEntries(Object.entries(row).filter(([key]) => !VOLATILE.has(key))),
          )
          .map((row) => JSON.stringify(row))
          .sort(),
      )}`,
    ]),
  );
}
