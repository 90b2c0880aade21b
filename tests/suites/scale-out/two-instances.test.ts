import { randomBytes } from "node:crypto";
import { eq, sum } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { usageBuckets } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { createGrant, DEMO } from "@/tests/helpers/fixtures";
import { makeUser } from "@/tests/helpers/tokens";
import { insertOAuthAccessToken } from "@/tests/support/oauth-access-token";
import {
  type ApiInstance,
  callInstance,
  startApiInstance,
  stopApiInstance,
} from "@/tests/support/server-harness";

// Two API instances on one PostgreSQL and one Redis, as behind a load balancer: what one does,
// the other knows within a second.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const PREFIX = `voltasis:scale-out:${randomBytes(4).toString("hex")}:rl`;
const TRIES = 5;
const WITHIN_MS = 1_000;

async function accessToken(instance: ApiInstance, email: string): Promise<string> {
  const res = await callInstance(instance, "/auth/token", undefined, {
    method: "POST",
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.body.data.access_token;
}

/** Milliseconds until `pathname` with `token` stops answering 200 on `instance`. */
async function msUntilRefused(
  instance: ApiInstance,
  token: string,
  since: number,
): Promise<number> {
  for (;;) {
    const { status } = await callInstance(instance, "/auth/me", token);
    if (status !== 200) return performance.now() - since;
    if (performance.now() - since > 10_000) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(shared)("two instances on one PostgreSQL and Redis (PostgreSQL + Redis)", () => {
  let a: ApiInstance;
  let b: ApiInstance;
  let owner: string;

  beforeAll(async () => {
    await getDb();
    [a, b] = await Promise.all([startApiInstance(PREFIX), startApiInstance(PREFIX)]);
    owner = await accessToken(a, DEMO.acmeOwner);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopApiInstance));
  });

  async function newKey(scopes: string[]): Promise<{ id: string; key: string }> {
    const res = await callInstance(a, "/api-keys", owner, {
      method: "POST",
      body: JSON.stringify({ name: `scale-out ${randomBytes(3).toString("hex")}`, scopes }),
    });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  it(`a key revoked on A is refused by B within ${WITHIN_MS} ms (worst of ${TRIES})`, async () => {
    const times: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      const key = await newKey(["read:users"]);
      // B has verified the key and holds it warm, as it would under steady use.
      expect((await callInstance(b, "/auth/me", key.key)).status).toBe(200);
      expect((await callInstance(b, "/auth/me", key.key)).status).toBe(200);
      const revoked = await callInstance(a, `/api-keys/${key.id}`, owner, { method: "DELETE" });
      expect(revoked.status).toBe(200);
      times.push(await msUntilRefused(b, key.key, performance.now()));
    }
    console.log(`revocation reached B in ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
    expect(Math.max(...times)).toBeLessThan(WITHIN_MS);
  }, 90_000);

  it(`a member removed on A loses access on B within ${WITHIN_MS} ms (worst of ${TRIES})`, async () => {
    const times: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      const member = await makeUser("acme");
      const token = await accessToken(a, member.email);
      expect((await callInstance(b, "/auth/me", token)).status).toBe(200);
      expect((await callInstance(b, "/auth/me", token)).status).toBe(200);
      const removed = await callInstance(a, `/users/${member.id}`, owner, { method: "DELETE" });
      expect(removed.status).toBe(200);
      times.push(await msUntilRefused(b, token, performance.now()));
    }
    console.log(`member removal reached B in ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
    expect(Math.max(...times)).toBeLessThan(WITHIN_MS);
  }, 90_000);

  it(`an app's grant revoked on A is refused by B within ${WITHIN_MS} ms (worst of ${TRIES})`, async () => {
    const times: number[] = [];
    const db = await getDb();
    for (let i = 0; i < TRIES; i++) {
      const member = await makeUser("acme");
      const grant = await createGrant(member.id, "acme");
      const token = await insertOAuthAccessToken(db, grant);
      expect((await callInstance(b, "/auth/me", token)).status).toBe(200);
      expect((await callInstance(b, "/auth/me", token)).status).toBe(200);
      const revoked = await callInstance(a, `/oauth-grants/${grant.id}`, owner, {
        method: "DELETE",
      });
      expect(revoked.status).toBe(200);
      times.push(await msUntilRefused(b, token, performance.now()));
    }
    console.log(`grant revocation reached B in ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
    expect(Math.max(...times)).toBeLessThan(WITHIN_MS);
  }, 90_000);

  it("both instances draw on one rate budget, and their usage adds up exactly", async () => {
    // Budgets are fixed one-minute windows: start the 1,000 calls early in one.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 25_000) await new Promise((r) => setTimeout(r, msLeft + 200));
    const key = await newKey(["read:users"]);
    const statuses: number[] = [];
    // 1,000 per minute per key, in all: 600 through A and 400 through B, then one more.
    for (let i = 0; i < 1_000; i += 50) {
      const target = i < 600 ? a : b;
      const batch = await Promise.all(
        Array.from({ length: 50 }, () => callInstance(target, "/users", key.key)),
      );
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(1_000);
    expect((await callInstance(b, "/users", key.key)).status).toBe(429);
    expect((await callInstance(a, "/users", key.key)).status).toBe(429);

    // SIGTERM flushes each instance's buffer: every answer given is counted once.
    await Promise.all([stopApiInstance(a), stopApiInstance(b)]);
    const db = await getDb();
    const [row] = await db
      .select({ total: sum(usageBuckets.count) })
      .from(usageBuckets)
      .where(eq(usageBuckets.tokenId, key.id));
    expect(Number(row?.total)).toBe(1_002);
    [a, b] = await Promise.all([startApiInstance(PREFIX), startApiInstance(PREFIX)]);
  }, 120_000);
});
