import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiKeys, organizations, users } from "@/db/schema";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { DEMO, orgId, sessionContext, userId } from "../helpers/fixtures";
import { restoreSeedCopy } from "../setup/seed-copy";

// The embedded suite's worker keeps one database and puts it back to the demo data between
// files: what one file writes must not reach the next.
describe.skipIf(Boolean(process.env.DATABASE_URL))("a worker's database between files", () => {
  it("loses a file's rows, changes and deletions, and keeps the demo data", async () => {
    const db = await getDb();
    const before = {
      users: (await db.select({ n: count() }).from(users))[0]?.n,
      keys: (await db.select({ n: count() }).from(apiKeys))[0]?.n,
    };
    const acme = await orgId("acme");
    const made = await createApiKey(await sessionContext(DEMO.acmeOwner, "acme"), {
      name: "Left behind",
      scopes: ["read:users"],
    });
    await db.update(organizations).set({ name: "Renamed" }).where(eq(organizations.id, acme));
    await db.delete(users).where(eq(users.email, DEMO.globexOwner));

    await restoreSeedCopy(db);

    expect(await db.select().from(apiKeys).where(eq(apiKeys.id, made.key.id))).toEqual([]);
    const [org] = await db.select().from(organizations).where(eq(organizations.id, acme));
    expect(org?.name).not.toBe("Renamed");
    expect(await userId(DEMO.globexOwner)).toEqual(expect.any(String));
    expect((await db.select({ n: count() }).from(users))[0]?.n).toBe(before.users);
    expect((await db.select({ n: count() }).from(apiKeys))[0]?.n).toBe(before.keys);
  });
});
