import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as resendRoute from "@/app/api/v1/webhooks/[id]/deliveries/[delivery_id]/resend/route";
import * as deliveriesRoute from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as rotateRoute from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as testRoute from "@/app/api/v1/webhooks/[id]/test/route";
import { getDb } from "@/db";
import { emailOutbox, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import {
  CLAIM_LEASE_MS,
  deliverDueWebhooks,
  drainWebhookOutbox,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
} from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import {
  addEndpoint,
  type ReceivedWebhook,
  signedBy,
  startReceiver,
} from "@/tests/helpers/webhooks";

let owner: string;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];

async function receiver(statuses?: number[]) {
  const r = await startReceiver(statuses);
  receivers.push(r);
  return r;
}

async function publish(type: "api_key.created" | "member.added", data: Record<string, unknown>) {
  const db = await getDb();
  await db.transaction((tx) => publishEvent(tx, acme, type, data));
}

async function deliveriesOf(endpointId: string) {
  return (await getDb())
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId));
}

let acme: string;

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  resetEnvForTests();
  acme = await orgId("acme");
  owner = (await createKey(DEMO.acmeOwner, "acme", ["read:webhooks", "write:webhooks"])).secret;
});

afterEach(async () => {
  await drainWebhookOutbox();
  testClock.reset();
  // Each test's endpoints go, so the next test's events reach only its own receiver.
  await (await getDb()).delete(webhookEndpoints);
  for (const r of receivers.splice(0)) await r.close();
});

afterAll(() => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetEnvForTests();
});

describe("delivery", () => {
  it("sends a published event once, signed so that the standardwebhooks library verifies it", async () => {
    const r = await receiver();
    const endpoint = await addEndpoint("acme", r.url, ["api_key.created"]);
    await publish("api_key.created", { id: "key_abc", name: "CI" });
    await publish("member.added", { user_id: "usr_x" }); // not subscribed

    expect(await deliverDueWebhooks()).toEqual({ delivered: 1, retry: 0, failed: 0 });
    expect(r.received).toHaveLength(1);
    const [message] = r.received;
    const verified = new Webhook(endpoint.secret).verify(
      message?.body ?? "",
      message?.headers ?? {},
    );
    expect(verified).toMatchObject({
      type: "api_key.created",
      data: { id: "key_abc", name: "CI" },
    });
    expect(message?.headers["webhook-id"]).toMatch(/^msg_/);
    expect(message?.headers["content-type"]).toBe("application/json");
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(
        message?.body ?? "",
        message?.headers ?? {},
      ),
    ).toThrow();

    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 1, responseStatus: 200 });
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
  });

  it("retries a receiver that fails, with the same webhook-id, until it recovers", async () => {
    const r = await receiver([500, 503, 200]);
    const endpoint = await addEndpoint("acme", r.url);
    await publish("api_key.created", { id: "key_retry" });

    expect(await deliverDueWebhooks()).toMatchObject({ retry: 1 });
    let [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500 });
    expect(row?.lastError).toContain("500");
    // Not due before its 5 s.
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
    testClock.advance(RETRY_DELAYS_MS[0] ?? 0);
    expect(await deliverDueWebhooks()).toMatchObject({ retry: 1 });
    testClock.advance(RETRY_DELAYS_MS[1] ?? 0);
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 1 });

    [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({
      status: "delivered",
      attempts: 3,
      responseStatus: 200,
      lastError: null,
    });
    const ids = new Set(r.received.map((m) => m.headers["webhook-id"]));
    expect(r.received).toHaveLength(3);
    expect(ids.size).toBe(1);
    for (const m of r.received) expect(signedBy(endpoint.secret, m)).toBe(true);
  });

  it("after the last retry fails, marks the delivery failed, disables the endpoint and emails the owners", async () => {
    const r = await receiver([500]);
    const endpoint = await addEndpoint("acme", r.url);
    await publish("api_key.created", { id: "key_doomed" });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await deliverDueWebhooks();
      testClock.advance(RETRY_DELAYS_MS[attempt - 1] ?? 0);
    }
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    const [hook] = await (await getDb())
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(hook?.disabledReason).toBe("failing");
    const mails = await (await getDb())
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, "webhook_disabled"));
    expect(mails.map((m) => m.recipient)).toContain(DEMO.acmeOwner);

    // Disabled: a new event waits rather than being sent.
    await publish("api_key.created", { id: "key_later" });
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
  });

  it("does not follow a redirect: a 302 is a failed attempt", async () => {
    const r = await receiver([302]);
    const endpoint = await addEndpoint("acme", r.url);
    await publish("api_key.created", { id: "key_redirect" });
    await deliverDueWebhooks();
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", responseStatus: 302 });
  });

  it("sends again a delivery whose sender died after claiming it, once its lease has passed", async () => {
    const r = await receiver();
    const endpoint = await addEndpoint("acme", r.url);
    await publish("api_key.created", { id: "key_orphan" });
    // What a claim leaves behind when its process dies before sending: an attempt counted, a lease.
    const db = await getDb();
    await db
      .update(webhookDeliveries)
      .set({ attempts: 1, nextAttemptAt: new Date(Date.now() + CLAIM_LEASE_MS) })
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
    testClock.advance(CLAIM_LEASE_MS + 1_000);
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 1 });
    expect(r.received).toHaveLength(1);
  });

  it("sends each event once when two senders run at the same time", async () => {
    const r = await receiver();
    await addEndpoint("acme", r.url);
    for (let i = 0; i < 12; i += 1) await publish("api_key.created", { id: `key_${i}` });
    const [a, b] = await Promise.all([deliverDueWebhooks(), deliverDueWebhooks()]);
    expect((a?.delivered ?? 0) + (b?.delivered ?? 0)).toBe(12);
    expect(r.received).toHaveLength(12);
    expect(new Set(r.received.map((m) => m.headers["webhook-id"])).size).toBe(12);
  });

  it("signs with both secrets during a rotation's grace, and with the new one alone after it", async () => {
    const r = await receiver();
    const endpoint = await addEndpoint("acme", r.url);
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/webhooks/${endpoint.id}/rotate-secret`,
      token: owner,
      body: { grace_seconds: 600 },
      params: { id: endpoint.id },
    });
    const next = rotated.body.data.secret as string;
    await publish("api_key.created", { id: "key_rot" });
    await deliverDueWebhooks();
    const [during] = r.received;
    expect(during?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(() =>
      new Webhook(endpoint.secret).verify(during?.body ?? "", during?.headers ?? {}),
    ).not.toThrow();
    expect(() => new Webhook(next).verify(during?.body ?? "", during?.headers ?? {})).not.toThrow();

    testClock.advance(601_000);
    await publish("api_key.created", { id: "key_rot2" });
    await deliverDueWebhooks();
    const after = r.received[1];
    expect(after?.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(signedBy(next, after as ReceivedWebhook)).toBe(true);
    expect(signedBy(endpoint.secret, after as ReceivedWebhook)).toBe(false);
  });
});

describe("test events and resends", () => {
  it("a test event reaches the endpoint whatever it subscribes to, and the log shows it delivered", async () => {
    const r = await receiver();
    const endpoint = await addEndpoint("acme", r.url, ["member.removed"]);
    const sent = await invoke(testRoute.POST, {
      method: "POST",
      path: `/webhooks/${endpoint.id}/test`,
      token: owner,
      params: { id: endpoint.id },
    });
    expect(sent.status).toBe(202);
    expect(sent.body.data).toMatchObject({ event_type: "webhook.test", status: "pending" });
    await r.waitFor(1);
    await drainWebhookOutbox();
    expect(r.received[0]?.json).toMatchObject({
      type: "webhook.test",
      data: { webhook_id: endpoint.id },
    });

    const log = await invoke(deliveriesRoute.GET, {
      path: `/webhooks/${endpoint.id}/deliveries`,
      token: owner,
      params: { id: endpoint.id },
    });
    expect(log.status).toBe(200);
    expect(log.body.data[0]).toMatchObject({
      event_type: "webhook.test",
      status: "delivered",
      response_status: 200,
      attempts: 1,
      payload: { type: "webhook.test" },
    });
    expect(typeof log.body.data[0].latency_ms).toBe("number");
  });

  it("a failed test is not retried and does not disable the endpoint", async () => {
    const r = await receiver([500]);
    const endpoint = await addEndpoint("acme", r.url);
    await invoke(testRoute.POST, {
      method: "POST",
      path: `/webhooks/${endpoint.id}/test`,
      token: owner,
      params: { id: endpoint.id },
    });
    await r.waitFor(1);
    await drainWebhookOutbox();
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    const [hook] = await (await getDb())
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(hook?.disabledAt).toBeNull();
  });

  it("a resend is a new delivery with the same webhook-id and body; a disabled endpoint gets a 409", async () => {
    const r = await receiver();
    const endpoint = await addEndpoint("acme", r.url);
    await publish("api_key.created", { id: "key_again" });
    await deliverDueWebhooks();
    const [first] = await deliveriesOf(endpoint.id);
    const resend = () =>
      invoke(resendRoute.POST, {
        method: "POST",
        path: `/webhooks/${endpoint.id}/deliveries/${first?.id}/resend`,
        token: owner,
        params: { id: endpoint.id, delivery_id: first?.id ?? "" },
      });
    const again = await resend();
    expect(again.status).toBe(202);
    expect(again.body.data.id).not.toBe(first?.id);
    expect(again.body.data.message_id).toBe(first?.messageId);
    await r.waitFor(2);
    expect(r.received[1]?.headers["webhook-id"]).toBe(r.received[0]?.headers["webhook-id"]);
    expect(r.received[1]?.body).toBe(r.received[0]?.body);

    await drainWebhookOutbox();
    await (await getDb())
      .update(webhookEndpoints)
      .set({ disabledAt: new Date(), disabledReason: "manual" })
      .where(eq(webhookEndpoints.id, endpoint.id));
    const refused = await resend();
    expect(refused.status).toBe(409);

    const unknown = await invoke(resendRoute.POST, {
      method: "POST",
      path: `/webhooks/${endpoint.id}/deliveries/whd_nope12345678/resend`,
      token: owner,
      params: { id: endpoint.id, delivery_id: "whd_nope12345678" },
    });
    expect(unknown.status).toBe(404);
  });
});
