import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Shot {
  startedAt: number;
  status?: number;
}

/**
 * Uses the key at ~200 requests per second (one request every 5 ms, never waiting for the
 * previous one) until stop() is called; returns every request with its start time and status.
 */
function hammer(secret: string) {
  const shots: Shot[] = [];
  const inFlight: Promise<void>[] = [];
  const timer = setInterval(() => {
    const shot: Shot = { startedAt: performance.now() };
    shots.push(shot);
    inFlight.push(
      invoke(meRoute.GET, { path: "/auth/me", token: secret }).then((res) => {
        shot.status = res.status;
      }),
    );
  }, 5);
  return {
    shots,
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return shots;
    },
  };
}

describe(`races (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  // Warm cache (the key has been in use for a while) and cold cache (the revoke lands among the
  // very first requests, while their lookups are still in flight).
  it.each([
    { cache: "warm", revokeAfterMs: 300 },
    { cache: "cold", revokeAfterMs: 0 },
  ])(
    "revoking a key under ~200 req/s: no success for a request started after the revoke returned ($cache cache)",
    async ({ revokeAfterMs }) => {
      const owner = await login(DEMO.acmeOwner);
      for (let round = 0; round < 3; round++) {
        const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
        const load = hammer(secret);
        await sleep(revokeAfterMs);
        const revoke = await invoke(keyRoute.DELETE, {
          method: "DELETE",
          path: `/api-keys/${key.id}`,
          token: owner.access_token,
          params: { id: key.id },
        });
        const revokedAt = performance.now();
        expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);
        // Enough requests started after the revoke, however slow the machine: counted, not timed.
        while (load.shots.filter((s) => s.startedAt > revokedAt).length <= 20) await sleep(20);
        const shots = await load.stop();

        const after = shots.filter((s) => s.startedAt > revokedAt);
        expect(after.length).toBeGreaterThan(20);
        const lateSuccesses = after.filter((s) => s.status !== 401);
        expect(lateSuccesses, "requests started after the revoke returned").toEqual([]);
        // Every request got an answer: success before the revoke, 401 after, nothing else.
        for (const shot of shots) expect([200, 401]).toContain(shot.status);
        if (revokeAfterMs > 0) expect(shots.some((s) => s.status === 200)).toBe(true);
      }
    },
    30_000,
  );

  it("five concurrent rotations of one key: exactly one wins, the others get 409", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users", "read:api-keys"]);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        invoke(rotateRoute.POST, {
          method: "POST",
          path: `/api-keys/${key.id}/rotate`,
          token: owner.access_token,
          params: { id: key.id },
          body: { grace_seconds: 0 },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([200, 409, 409, 409, 409]);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body.error.code).toBe("CONFLICT");
    }
    const winner = results.find((r) => r.status === 200);

    const db = await getDb();
    const successors = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.rotatedFromId, key.id));
    expect(successors).toEqual([{ id: winner?.body.data.id }]);
    const [old] = await db
      .select({ replacedById: apiKeys.replacedById, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, key.id));
    expect(old?.replacedById).toBe(winner?.body.data.id);
    expect(old?.revokedAt).not.toBeNull();
  });

  it("concurrent rotations with a grace period: still exactly one new key", async () => {
    const owner = await login(DEMO.acmeOwner);
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        invoke(rotateRoute.POST, {
          method: "POST",
          path: `/api-keys/${key.id}/rotate`,
          token: owner.access_token,
          params: { id: key.id },
          body: { grace_seconds: 60 },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const db = await getDb();
    const successors = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.rotatedFromId, key.id));
    expect(successors).toHaveLength(1);
  });
});
