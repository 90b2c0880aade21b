import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import {
  addWebhook,
  createKey,
  ownerToken,
  waitForDeliveries,
} from "@/tests/helpers/webhook-servers";
import { startReceiver } from "@/tests/helpers/webhooks";
import { type SpawnedServer, spawnServer } from "@/tests/support/server-harness";

// A webhook event is committed with the change that publishes it (webhook_deliveries), so a
// process killed outright, with no graceful shutdown, loses none: another server on the same
// database sends it. The failed attempt's retry comes after 5 s (the poll runs every 5 s); a row
// a killed sender had claimed is free again when its 30 s lease ends.

const env = () => ({ ...process.env, WEBHOOKS_ALLOW_PRIVATE: "1" });
const started: SpawnedServer[] = [];
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];

async function server(): Promise<SpawnedServer> {
  const spawned = await spawnServer({ env: env() });
  started.push(spawned);
  return spawned;
}

const gone = (spawned: SpawnedServer) =>
  spawned.child.exitCode !== null || spawned.child.signalCode !== null;

/** SIGKILL: no shutdown hook, no drain, no flush. Resolves once the process is gone. */
async function kill(spawned: SpawnedServer): Promise<void> {
  if (gone(spawned)) return;
  const exited = new Promise((resolve) => spawned.child.once("exit", resolve));
  spawned.child.kill("SIGKILL");
  await exited;
}

afterEach(async () => {
  await Promise.all(
    started
      .splice(0)
      .filter((s) => !gone(s))
      .map((s) => s.stop()),
  );
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe.runIf(process.env.DATABASE_URL)("webhook events across a killed server", () => {
  it("a delivery whose first attempt failed is sent by the next server after SIGKILL, same webhook-id", async () => {
    const receiver = await startReceiver([503]);
    receivers.push(receiver);
    const first = await server();
    const token = await ownerToken(first.base);
    const hook = await addWebhook(first.base, token, receiver.url, ["api_key.created"]);
    const keyId = await createKey(first.base, token, "killed before the retry");

    // The first attempt got a 503 and its outcome is written: pending, retry scheduled.
    const [failed] = await receiver.waitFor(1);
    await waitForDeliveries(
      first.base,
      token,
      hook.id,
      ([d]) => d?.status === "pending" && d.attempts === 1 && d.response_status === 503,
      20_000,
    );
    await kill(first);
    receiver.respondWith([200]);

    const next = await server();
    const [delivery] = await waitForDeliveries(
      next.base,
      token,
      hook.id,
      ([d]) => d?.status === "delivered",
      60_000,
    );
    expect(delivery).toMatchObject({ attempts: 2, response_status: 200 });
    const received = await receiver.waitFor(2);
    expect(received).toHaveLength(2);
    const retried = received[1];
    // The same message again: a receiver deduplicates on webhook-id.
    expect(retried?.headers["webhook-id"]).toBe(failed?.headers["webhook-id"]);
    expect(retried?.headers["webhook-id"]).toBe(delivery?.message_id);
    expect(retried?.json).toMatchObject({ type: "api_key.created", data: { id: keyId } });
    expect(retried?.body).toBe(failed?.body);
    const verifier = new Webhook(hook.secret);
    expect(() => verifier.verify(retried?.body ?? "", retried?.headers ?? {})).not.toThrow();
  }, 150_000);

  it("a change committed just before SIGKILL is delivered by the next server", async () => {
    const receiver = await startReceiver([200]);
    receivers.push(receiver);
    const first = await server();
    const token = await ownerToken(first.base);
    const hook = await addWebhook(first.base, token, receiver.url, ["api_key.created"]);
    // Killed as soon as the 201 arrives: the send right after the commit may not have started,
    // may have claimed the row, or may have reached the receiver without recording it.
    const keyId = await createKey(first.base, token, "killed at once");
    await kill(first);
    const arrivedBeforeKill = receiver.received.length;

    const next = await server();
    const [delivery] = await waitForDeliveries(
      next.base,
      token,
      hook.id,
      ([d]) => d?.status === "delivered",
      // The poll every 5 s, after the killed sender's 30 s lease on a row it had claimed.
      70_000,
    );
    const received = await receiver.waitFor(1);
    console.log(
      `[webhook-after-kill] ${arrivedBeforeKill} request(s) before the kill, ${received.length} in all, ${delivery?.attempts} attempt(s) recorded`,
    );
    // At least once, and every copy is the same message: one webhook-id, one body.
    expect(new Set(received.map((m) => m.headers["webhook-id"]))).toEqual(
      new Set([delivery?.message_id]),
    );
    expect(new Set(received.map((m) => m.body)).size).toBe(1);
    expect(received[0]?.json).toMatchObject({ type: "api_key.created", data: { id: keyId } });
    const verifier = new Webhook(hook.secret);
    for (const message of received) {
      expect(() => verifier.verify(message.body, message.headers)).not.toThrow();
    }
  }, 150_000);
});
