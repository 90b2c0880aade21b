import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { isPublicAddress } from "@/server/webhooks/destination-guard";
import { deliverDueWebhooks } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { orgId } from "@/tests/helpers/fixtures";
import { addEndpoint, startReceiver } from "@/tests/helpers/webhooks";

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", false],
    ["127.8.9.10", false],
    ["10.0.0.5", false],
    ["172.16.4.4", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["::", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["fd00:ec2::254", false],
    ["fe80::1", false],
    ["93.184.216.34", true],
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
    ["not an address", false],
  ])("%s: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("at delivery time, with private destinations refused", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let acme: string;

  beforeAll(async () => {
    acme = await orgId("acme");
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await (await getDb()).delete(webhookEndpoints);
    process.env.WEBHOOKS_ALLOW_PRIVATE = "0";
    resetEnvForTests();
  });

  afterAll(async () => {
    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
    resetEnvForTests();
    await receiver.close();
  });

  // The endpoint is saved while private destinations are allowed (or, in production, while its
  // name resolved to a public address): the delivery is judged again on the address it reaches.
  it.each([
    ["a name that resolves to loopback", (port: string) => `http://localhost:${port}/hooks`],
    ["a literal loopback address", (port: string) => `http://127.0.0.1:${port}/hooks`],
    ["an IPv4-mapped IPv6 loopback", (port: string) => `http://[::ffff:127.0.0.1]:${port}/hooks`],
  ])("%s is refused and nothing reaches it", async (_label, urlOf) => {
    process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
    resetEnvForTests();
    const port = new URL(receiver.url).port;
    const endpoint = await addEndpoint("acme", urlOf(port));
    process.env.WEBHOOKS_ALLOW_PRIVATE = "0";
    resetEnvForTests();

    const db = await getDb();
    await db.transaction((tx) => publishEvent(tx, acme, "api_key.created", { id: "key_ssrf" }));
    expect(await deliverDueWebhooks()).toMatchObject({ retry: 1 });
    const [row] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(row?.status).toBe("pending");
    expect(row?.responseStatus).toBeNull();
    expect(row?.lastError).toMatch(/private or reserved address: refused/);
    expect(receiver.received).toHaveLength(0);
  });
});
