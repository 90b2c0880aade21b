import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addWebhook,
  call,
  createKey,
  ownerToken,
  waitForDeliveries,
} from "@/tests/helpers/webhook-servers";
import { startReceiver } from "@/tests/helpers/webhooks";
import { type SpawnedServer, spawnServer } from "@/tests/support/server-harness";

// Two production servers (`node server.mjs`, the build in NEXT_DIST_DIR) on this file's
// PostgreSQL database, as behind a load balancer. Each one sends what its requests publish right
// after their commit and polls the outbox every 5 s; claims use FOR UPDATE SKIP LOCKED. However
// the work lands, the receiver gets every event once: one attempt per delivery, one request per
// webhook-id, each signed with the endpoint's secret.
const KEYS = 20;

describe.runIf(process.env.DATABASE_URL)(
  "webhooks from two production instances on one PostgreSQL",
  () => {
    let a: SpawnedServer | undefined;
    let b: SpawnedServer | undefined;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;

    beforeAll(async () => {
      receiver = await startReceiver([200]);
      // This file's database, Redis and rate-limit namespace (tests/setup/fresh-database.ts);
      // private destinations allowed for the receiver on 127.0.0.1.
      const env = { ...process.env, WEBHOOKS_ALLOW_PRIVATE: "1" };
      [a, b] = await Promise.all([spawnServer({ env }), spawnServer({ env })]);
    }, 180_000);

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await receiver?.close();
    });

    it(`${KEYS} keys created and revoked across A and B: ${KEYS * 2} events, each delivered once`, async () => {
      if (!a || !b) throw new Error("servers not started");
      const [first, second] = [a.base, b.base];
      const token = await ownerToken(first);
      const hook = await addWebhook(first, token, receiver.url, [
        "api_key.created",
        "api_key.revoked",
      ]);

      // All at once, so both instances' senders and pollers compete for the same rows: key i is
      // created on one instance and revoked on the other.
      const keyIds = await Promise.all(
        Array.from({ length: KEYS }, async (_, i) => {
          const [maker, revoker] = i % 2 === 0 ? [first, second] : [second, first];
          const id = await createKey(maker, token, `fan-out ${i}`);
          const revoked = await call(revoker, `/api-keys/${id}`, token, { method: "DELETE" });
          expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
          return id;
        }),
      );

      // Every delivery settled, as the delivery log (read on B) says: none pending.
      const log = await waitForDeliveries(
        second,
        token,
        hook.id,
        (deliveries) =>
          deliveries.length === KEYS * 2 && deliveries.every((d) => d.status !== "pending"),
        60_000,
      );
      // Each delivered at the first attempt: a second claim of a row would have counted.
      expect(log.filter((d) => d.status !== "delivered" || d.attempts !== 1)).toEqual([]);
      const expected = keyIds
        .flatMap((id) => [`api_key.created ${id}`, `api_key.revoked ${id}`])
        .sort();
      expect(log.map((d) => `${d.event_type} ${d.payload.data.id}`).sort()).toEqual(expected);

      // A delivery is marked delivered after the receiver answered, so all of it has arrived.
      const received = await receiver.waitFor(KEYS * 2);
      expect(received).toHaveLength(KEYS * 2);
      const ids = received.map((m) => m.headers["webhook-id"]);
      expect(new Set(ids).size).toBe(KEYS * 2);
      expect([...ids].sort()).toEqual(log.map((d) => d.message_id).sort());
      expect(received.map((m) => `${m.json.type} ${m.json.data.id}`).sort()).toEqual(expected);
      // Every request verifies with the Standard Webhooks library and the secret shown once.
      const verifier = new Webhook(hook.secret);
      for (const message of received) {
        expect(() => verifier.verify(message.body, message.headers)).not.toThrow();
      }
    }, 120_000);
  },
);
