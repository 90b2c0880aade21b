import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { now } from "@/lib/clock";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { rotateApiKey } from "@/server/api-keys/rotate-api-key";
import { updateApiKey } from "@/server/api-keys/update-api-key";
import { createKey, DEMO, orgId, sessionContext, userId } from "@/tests/helpers/fixtures";
import { eventsOf, type PublishedEvent, subscribeEndpoint } from "@/tests/helpers/webhook-events";

// Each api_key.* event is written in the change's transaction, says which key (as the API shows
// it) and who acted, and never carries the secret.
let endpoint: string;
let owner: string;

beforeAll(async () => {
  await getDb();
  endpoint = await subscribeEndpoint(await orgId("acme"));
  owner = await userId(DEMO.acmeOwner);
});

const SHOWN = ["id", "name", "prefix", "last4", "scopes", "created_by", "expires_at", "status"];

function findEvent(events: PublishedEvent[], keyId: string): PublishedEvent {
  const event = events.find((e) => e.data.id === keyId);
  if (!event) throw new Error(`no event for ${keyId}`);
  return event;
}

describe("api_key.* webhook events", () => {
  it("api_key.created carries the public key and the actor, never the secret", async () => {
    const expires = new Date(now().getTime() + 30 * 86_400_000).toISOString();
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      name: "events key",
      expires_at: expires,
    });
    const event = findEvent(await eventsOf(endpoint, "api_key.created"), key.id);
    expect(event.type).toBe("api_key.created");
    for (const field of SHOWN) expect(event.data).toHaveProperty(field);
    expect(event.data).toMatchObject({
      id: key.id,
      name: "events key",
      prefix: key.prefix,
      last4: key.last4,
      scopes: ["read:users"],
      created_by: owner,
      expires_at: key.expires_at,
      actor: owner,
    });
    expect(event.raw).not.toContain(secret);
    expect(event.raw).not.toContain(secret.slice(key.prefix.length));
    expect(event.raw).not.toMatch(/hash/i);
  });

  it("api_key.updated names the changes", async () => {
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users", "write:users"]);
    const ctx = await sessionContext(DEMO.acmeOwner, "acme");
    await updateApiKey(ctx, key.id, { name: "renamed", scopes: ["read:users"] });
    const event = findEvent(await eventsOf(endpoint, "api_key.updated"), key.id);
    expect(event.data).toMatchObject({
      name: "renamed",
      scopes: ["read:users"],
      actor: owner,
      changes: {
        name: { to: "renamed" },
        scopes: { from: ["read:users", "write:users"], to: ["read:users"] },
      },
    });
    // A PATCH that changes nothing announces nothing.
    const before = (await eventsOf(endpoint, "api_key.updated")).length;
    await updateApiKey(ctx, key.id, { name: "renamed" });
    expect((await eventsOf(endpoint, "api_key.updated")).length).toBe(before);
  });

  it("api_key.rotated names the old and the new key; the new one is also api_key.created", async () => {
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const ctx = await sessionContext(DEMO.acmeOwner, "acme");
    const rotated = await rotateApiKey(ctx, key.id, { grace_seconds: 60 });
    const event = findEvent(await eventsOf(endpoint, "api_key.rotated"), rotated.key.id);
    expect(event.data).toMatchObject({
      old_key_id: key.id,
      new_key_id: rotated.key.id,
      rotated_from: key.id,
      grace_seconds: 60,
      actor: owner,
      previous: { id: key.id, replaced_by: rotated.key.id },
    });
    expect(event.raw).not.toContain(rotated.secret);
    findEvent(await eventsOf(endpoint, "api_key.created"), rotated.key.id);
  });

  it("api_key.revoked once, with revoked_at; revoking again writes nothing", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const ctx = await sessionContext(DEMO.acmeOwner, "acme");
    await revokeApiKey(ctx, key.id);
    await revokeApiKey(ctx, key.id);
    const events = (await eventsOf(endpoint, "api_key.revoked")).filter(
      (e) => e.data.id === key.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ status: "revoked", actor: owner });
    expect(events[0]?.data.revoked_at).toEqual(expect.any(String));
    expect(events[0]?.raw).not.toContain(secret);
  });

  it("another organization's endpoint hears nothing of Acme's keys", async () => {
    const globexEndpoint = await subscribeEndpoint(await orgId("globex"));
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await eventsOf(endpoint, "api_key.created")).some((e) => e.data.id === key.id)).toBe(
      true,
    );
    expect(await eventsOf(globexEndpoint, "api_key.created")).toEqual([]);
  });
});
