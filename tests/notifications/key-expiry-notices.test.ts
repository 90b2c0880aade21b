import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { credentialNotices } from "@/db/schema";
import { now } from "@/lib/clock";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { rotateApiKey } from "@/server/api-keys/rotate-api-key";
import { runMaintenance } from "@/server/maintenance/run-maintenance";
import { notifyKeyExpiry } from "@/server/notifications/notify-key-expiry";
import { orgId, sessionContextOf } from "@/tests/helpers/fixtures";
import { mailsTo } from "@/tests/helpers/mail";
import { makeUser } from "@/tests/helpers/tokens";
import { eventsOf, queuedMail, subscribeEndpoint } from "@/tests/helpers/webhook-events";

// Keys that expire get a notice 7 days before, 1 day before, and when they expire: each once,
// whatever the number of scans (and of instances scanning), by mail to the owner and as
// api_key.expiring / api_key.expired events.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let endpoint: string;

beforeAll(async () => {
  await getDb();
  endpoint = await subscribeEndpoint(await orgId("acme"));
});

async function ownerWithKeys(expiries: (number | null)[]) {
  const user = await makeUser("acme", "member");
  const ctx = await sessionContextOf(user.id, await orgId("acme"));
  const t0 = now();
  const keys = [];
  for (const [i, ms] of expiries.entries()) {
    const created = await createApiKey(ctx, {
      name: `expiring ${i}`,
      scopes: ["read:time-entries"],
      expires_at: ms === null ? undefined : new Date(t0.getTime() + ms).toISOString(),
    });
    keys.push(created);
  }
  return { user, ctx, t0, keys };
}

async function noticesOf(ids: string[]) {
  const db = await getDb();
  const rows = await db
    .select({ id: credentialNotices.credentialId, kind: credentialNotices.kind })
    .from(credentialNotices)
    .where(inArray(credentialNotices.credentialId, ids));
  return rows.map((r) => `${r.id}:${r.kind}`).sort();
}

async function eventsFor(type: string, keyId: string) {
  return (await eventsOf(endpoint, type)).filter((e) => e.data.id === keyId);
}

describe("API key expiry notices", () => {
  it("7 days, 1 day and expired, each once across repeated and concurrent scans", async () => {
    const { user, t0, keys } = await ownerWithKeys([6 * DAY, 12 * HOUR, null]);
    const [week, day, never] = keys.map((k) => k.key.id) as [string, string, string];
    const ids = [week, day, never];
    const at = (ms: number) => new Date(t0.getTime() + ms);

    // Two instances scanning at once, then once more: the same notices, given once.
    await Promise.all([notifyKeyExpiry({ now: at(HOUR) }), notifyKeyExpiry({ now: at(HOUR) })]);
    await notifyKeyExpiry({ now: at(HOUR) });
    // First seen within a day: only the 1-day notice.
    expect(await noticesOf(ids)).toEqual([`${day}:expiring_1d`, `${week}:expiring_7d`].sort());
    expect(await queuedMail("api_key_expiring", user.email)).toHaveLength(2);

    const [weekNotice] = await eventsFor("api_key.expiring", week);
    expect(weekNotice?.data).toMatchObject({
      id: week,
      name: "expiring 0",
      expires_at: keys[0]?.key.expires_at,
      days_left: 6,
      notice: "expiring_7d",
    });
    expect((await eventsFor("api_key.expiring", day))[0]?.data).toMatchObject({ days_left: 1 });
    for (const { secret } of keys) expect(weekNotice?.raw).not.toContain(secret);

    // Five and a half days on, the week key is within a day of its end.
    await notifyKeyExpiry({ now: at(5.5 * DAY) });
    await notifyKeyExpiry({ now: at(5.5 * DAY) });
    expect(await eventsFor("api_key.expiring", week)).toHaveLength(2);
    expect(await queuedMail("api_key_expiring", user.email)).toHaveLength(3);

    // Both expired: one api_key.expired each, no more mail; the key that never expires: nothing.
    await notifyKeyExpiry({ now: at(7 * DAY) });
    await runMaintenance({ now: at(7 * DAY) });
    expect(await noticesOf(ids)).toEqual(
      [
        `${day}:expired`,
        `${day}:expiring_1d`,
        `${week}:expired`,
        `${week}:expiring_1d`,
        `${week}:expiring_7d`,
      ].sort(),
    );
    expect(await eventsFor("api_key.expired", week)).toHaveLength(1);
    expect(await eventsFor("api_key.expired", day)).toHaveLength(1);
    expect(await eventsFor("api_key.expiring", never)).toEqual([]);
    expect(await queuedMail("api_key_expiring", user.email)).toHaveLength(3);
  });

  it("the mail names the key, when it expires and to rotate it; never the secret", async () => {
    const { user, t0, keys } = await ownerWithKeys([3 * DAY]);
    await notifyKeyExpiry({ now: new Date(t0.getTime() + HOUR) });
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.text).toContain('The API key "expiring 0"');
    expect(mail?.text).toMatch(/expires in 3 days/);
    expect(mail?.text).toContain(keys[0]?.key.expires_at as string);
    expect(mail?.text).toMatch(/rotate/i);
    expect(mail?.text).toContain("/settings/api-keys");
    expect(mail?.text).toMatch(/You receive this because you own this API key/);
    expect(mail?.raw).not.toContain(keys[0]?.secret as string);
  });

  it("revoked keys and keys already replaced by a rotation get no notice", async () => {
    const { ctx, t0, keys } = await ownerWithKeys([5 * DAY, 5 * DAY]);
    const [revoked, rotated] = keys.map((k) => k.key.id) as [string, string];
    await revokeApiKey(ctx, revoked);
    const replacement = await rotateApiKey(ctx, rotated, {
      grace_seconds: 3600,
      expires_at: null,
    });
    for (const ms of [HOUR, 6 * DAY]) await notifyKeyExpiry({ now: new Date(t0.getTime() + ms) });
    expect(await noticesOf([revoked, rotated, replacement.key.id])).toEqual([]);
  });

  it("works in bounded batches: a small batch size still gives every notice, once", async () => {
    const { t0, keys } = await ownerWithKeys([2 * DAY, 3 * DAY, 4 * DAY]);
    const ids = keys.map((k) => k.key.id);
    const report = await notifyKeyExpiry({ now: new Date(t0.getTime() + HOUR), batchSize: 1 });
    expect(report.expiring7d).toBeGreaterThanOrEqual(3);
    expect(await noticesOf(ids)).toHaveLength(3);
  });
});
