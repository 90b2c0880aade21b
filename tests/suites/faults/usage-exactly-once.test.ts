import { eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { closeDb, getDb } from "@/db";
import { usageBuckets } from "@/db/schema";
import { flushUsage, pendingUsageEvents, writeUsageBatch } from "@/server/usage/flush-usage";
import { addEvent, emptyBatch } from "@/server/usage/usage-batch";
import { setUsageAutoFlush } from "@/server/usage/usage-recorder";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { type ProxiedDatabase, proxyAppDatabase, type TcpProxy } from "@/tests/helpers/tcp-proxy";

// Usage is counted exactly once: a batch is written with its id in one transaction, and a retry
// of a batch that did commit (its acknowledgement lost) adds nothing.

async function usageOf(tokenId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${usageBuckets.count}), 0)::int` })
    .from(usageBuckets)
    .where(eq(usageBuckets.tokenId, tokenId));
  return Number(row?.n ?? 0);
}

describe("a usage batch written twice", () => {
  it("counts once: the second write finds its id and adds nothing", async () => {
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const organizationId = key.organization_id;
    const batch = emptyBatch();
    for (let i = 0; i < 3; i++) {
      addEvent(batch, {
        tokenId: key.id,
        organizationId,
        route: "/auth/me",
        method: "GET",
        status: 200,
        latencyMs: 4,
        at: new Date(),
      });
    }
    const db = await getDb();
    const identified = { id: crypto.randomUUID(), batch };
    expect(await writeUsageBatch(db, identified)).toBe(true);
    expect(await writeUsageBatch(db, identified)).toBe(false);
    expect(await usageOf(key.id)).toBe(3);
    // A new batch of the same events is new usage.
    expect(await writeUsageBatch(db, { id: crypto.randomUUID(), batch })).toBe(true);
    expect(await usageOf(key.id)).toBe(6);
  });
});

describe.runIf(process.env.DATABASE_URL)("the connection dies after COMMIT (PostgreSQL)", () => {
  let db: ProxiedDatabase;
  let proxy: TcpProxy;
  let direct: postgres.Sql;

  beforeAll(async () => {
    db = await proxyAppDatabase();
    ({ proxy, direct } = db);
  });

  afterAll(async () => {
    setUsageAutoFlush(true);
    await db.restore();
  });

  const counted = async (tokenId: string) => {
    const [row] = await direct<{ n: number }[]>`
      select coalesce(sum(count), 0)::int as n from usage_buckets where token_id = ${tokenId}`;
    return row?.n ?? 0;
  };

  it("the retried flush finds the batch written and adds nothing", async () => {
    setUsageAutoFlush(false);
    const used = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    for (let i = 0; i < 5; i++) {
      expect((await invoke(meRoute.GET, { path: "/auth/me", token: used.secret })).status).toBe(
        200,
      );
    }
    expect(pendingUsageEvents()).toBe(5);

    // PostgreSQL commits the batch; its answer to COMMIT never reaches us. (A fresh pool: a
    // connection sends a statement's text only the first time, then reuses it prepared.)
    await closeDb();
    await getDb();
    proxy.loseReplyTo(/commit/i);
    await expect(flushUsage()).rejects.toThrow();
    expect(await counted(used.key.id)).toBe(5);
    // From here the batch is still ours to retry: we cannot know it landed.
    expect(pendingUsageEvents()).toBe(5);

    // One more call while the batch waits, then the retry and the new events.
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: used.secret })).status).toBe(200);
    // The next flush retries the unconfirmed batch (found by its id: skipped), then the new call.
    await flushUsage();
    expect(pendingUsageEvents()).toBe(0);
    expect(await counted(used.key.id)).toBe(6);
    const [batches] = await direct<{ n: number }[]>`select count(*)::int as n from usage_batches`;
    expect(batches?.n).toBeGreaterThan(0);
  });
});
