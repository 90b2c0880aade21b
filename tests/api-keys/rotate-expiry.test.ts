import { afterEach, describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { now, testClock } from "@/lib/clock";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

// Rotating is how a key that is about to expire gets renewed: the new key must not inherit the
// old end date (issue 19). It takes `expires_at`, or keeps the old key's lifetime from now.
const DAY_MS = 24 * 60 * 60 * 1000;

afterEach(() => testClock.reset());

async function rotate(id: string, body: Record<string, unknown>) {
  const owner = await login(DEMO.acmeOwner);
  return invoke(rotateRoute.POST, {
    method: "POST",
    path: `/api-keys/${id}/rotate`,
    token: owner.access_token,
    params: { id },
    body,
  });
}

async function expiryOf(id: string): Promise<Date | null> {
  const db = await getDb();
  const rows = await db.select({ id: apiKeys.id, expiresAt: apiKeys.expiresAt }).from(apiKeys);
  return rows.find((row) => row.id === id)?.expiresAt ?? null;
}

describe("POST /api-keys/{id}/rotate and the new key's expiry", () => {
  it("without expires_at, the new key lives as long as the old one did, counted from now", async () => {
    const old = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      expires_at: new Date(now().getTime() + 30 * DAY_MS).toISOString(),
    });
    // 28 days later the key has 2 days left: a rotation gives the new one 30 again.
    testClock.advance(28 * DAY_MS);
    const rotated = await rotate(old.key.id, {});
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const expiresAt = Date.parse(rotated.body.data.expires_at);
    const fromNow = expiresAt - now().getTime();
    expect(fromNow).toBeGreaterThan(30 * DAY_MS - 60_000);
    expect(fromNow).toBeLessThanOrEqual(30 * DAY_MS + 1_000);
    expect((await expiryOf(rotated.body.data.id))?.toISOString()).toBe(
      rotated.body.data.expires_at,
    );
  });

  it("takes expires_at: a date, or null for a key that never expires", async () => {
    const old = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      expires_at: new Date(now().getTime() + 3 * DAY_MS).toISOString(),
    });
    const wanted = new Date(now().getTime() + 90 * DAY_MS).toISOString();
    const dated = await rotate(old.key.id, { expires_at: wanted });
    expect(dated.status, JSON.stringify(dated.body)).toBe(200);
    expect(dated.body.data.expires_at).toBe(wanted);

    const never = await rotate(dated.body.data.id, { expires_at: null });
    expect(never.status, JSON.stringify(never.body)).toBe(200);
    expect(never.body.data.expires_at).toBeNull();
  });

  it("a key that never expired is replaced by one that never expires", async () => {
    const old = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const rotated = await rotate(old.key.id, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.expires_at).toBeNull();
  });

  it("refuses a past or malformed expires_at with a 400 naming the field, and rotates nothing", async () => {
    const old = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    for (const expires_at of [new Date(now().getTime() - DAY_MS).toISOString(), "next week", 7]) {
      const refused = await rotate(old.key.id, { expires_at });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("VALIDATION_ERROR");
      expect(JSON.stringify(refused.body.error.details)).toContain("expires_at");
    }
    const db = await getDb();
    const rows = await db.select({ rotatedFromId: apiKeys.rotatedFromId }).from(apiKeys);
    expect(rows.some((row) => row.rotatedFromId === old.key.id)).toBe(false);
  });
});
