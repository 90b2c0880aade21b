import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { apiKeys, auditLogs, organizations } from "@/db/schema";
import { nowMs, testClock } from "@/lib/clock";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { revokeUnusedKeys } from "@/server/maintenance/revoke-unused-keys";
import { runMaintenance } from "@/server/maintenance/run-maintenance";
import { flushUsage } from "@/server/usage/flush-usage";
import { freshOrganization } from "@/tests/helpers/audit-world";
import { sessionContextOf } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { mailsTo } from "@/tests/helpers/mail";
import { eventsOf, queuedMail, subscribeEndpoint } from "@/tests/helpers/webhook-events";

// An organization that revokes keys unused for N days warns each key's owner 7 days before (mail,
// api_key.unused_warning), once per idle spell, and revokes only after a week's warning, whatever
// the number of runs and of instances running them.

const DAY = 86_400_000;
const N = 30;

beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  testClock.reset();
});

/** A fresh organization with the policy (or none), an endpoint, and a member to own keys. */
async function world(days: number | null = N, extra: { requireKeyApproval?: boolean } = {}) {
  const db = await getDb();
  const org = await freshOrganization("Idle Co");
  await db
    .update(organizations)
    .set({ revokeUnusedAfterDays: days, ...extra })
    .where(eq(organizations.id, org.id));
  await publishAuthChange(db, { organizationId: org.id });
  const holder = await org.addPerson("member");
  const ctx = await sessionContextOf(holder.id, org.id);
  const endpoint = await subscribeEndpoint(org.id);
  async function key(name = "idle key") {
    return createApiKey(ctx, { name, scopes: ["read:time-entries"] });
  }
  async function setPolicy(value: number | null) {
    await db
      .update(organizations)
      .set({ revokeUnusedAfterDays: value })
      .where(eq(organizations.id, org.id));
  }
  return { org, holder, ctx, endpoint, key, setPolicy };
}

/** Moves the clock to `days` after the test's start. */
let started = 0;
function at(days: number) {
  testClock.reset();
  testClock.advance(started + days * DAY);
}

async function row(id: string) {
  const [r] = await (await getDb()).select().from(apiKeys).where(eq(apiKeys.id, id));
  return r;
}

async function audit(id: string, action: string) {
  return (await getDb())
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.targetId, id), eq(auditLogs.action, action)));
}

async function warningsOf(endpoint: string, id: string) {
  return (await eventsOf(endpoint, "api_key.unused_warning")).filter((e) => e.data.id === id);
}

/** Two instants within a second of each other (the test's own clock readings lag the pass's). */
function near(iso: unknown, expected: number) {
  expect(Math.abs(new Date(String(iso)).getTime() - expected)).toBeLessThan(1000);
}

function me(secret: string) {
  return invoke(meRoute.GET, { path: "/auth/me", token: secret });
}

describe("unused-key policy", () => {
  it("warns 7 days ahead, once, then revokes as the system", async () => {
    started = 0;
    const w = await world();
    const { key, secret } = await w.key("Forgotten export");
    const off = await world(null);
    const kept = await off.key();

    at(N - 7 - 0.1);
    await revokeUnusedKeys();
    expect(await warningsOf(w.endpoint, key.id)).toEqual([]);

    // Two instances at once, then again: one warning.
    at(N - 7 + 0.1);
    await Promise.all([revokeUnusedKeys(), revokeUnusedKeys()]);
    await runMaintenance();
    const warnings = await warningsOf(w.endpoint, key.id);
    expect(warnings).toHaveLength(1);
    const revokeAt = String(warnings[0]?.data.revoke_at);
    // N days after its creation would be sooner than a week from the warning: a week it is.
    near(revokeAt, nowMs() + 7 * DAY);
    expect(warnings[0]?.raw).not.toContain(secret);
    expect(await queuedMail("api_key_unused_warning", w.holder.email)).toHaveLength(1);
    const [mail] = await mailsTo(w.holder.email);
    expect(mail?.text).toContain('"Forgotten export"');
    expect(mail?.text).toContain("has never been used");
    expect(mail?.text).toContain(revokeAt);
    expect(mail?.raw).not.toContain(secret);
    const [warned] = await audit(key.id, "api_key.unused_warning");
    expect(warned).toMatchObject({ actorUserId: null, actorTokenId: "unused_key_policy" });

    // The policy's day has not come: nothing is revoked.
    at(N - 0.1);
    await revokeUnusedKeys();
    expect((await row(key.id))?.revokedAt).toBeNull();

    at(N + 0.2);
    const [a, b] = await Promise.all([revokeUnusedKeys(), revokeUnusedKeys()]);
    expect(a.revoked + b.revoked).toBeGreaterThanOrEqual(1);
    await revokeUnusedKeys();
    expect((await row(key.id))?.revokedAt).not.toBeNull();
    const revocations = await audit(key.id, "api_key.revoked");
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ actorUserId: null, actorTokenId: "unused_key_policy" });
    expect(revocations[0]?.metadata).toMatchObject({
      reason: "unused",
      revoke_unused_after_days: N,
    });
    const events = (await eventsOf(w.endpoint, "api_key.revoked")).filter(
      (e) => e.data.id === key.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ status: "revoked", reason: "unused", actor: null });
    const refused = await me(secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.details.reason).toBe("revoked");

    // The organization without the policy keeps its idle key.
    expect((await row(kept.key.id))?.revokedAt).toBeNull();
    expect(await warningsOf(off.endpoint, kept.key.id)).toEqual([]);
  });

  it("never revokes without a week's warning, even when the policy is switched on late", async () => {
    started = 0;
    const w = await world(null);
    const { key } = await w.key();
    at(200);
    await revokeUnusedKeys();
    await w.setPolicy(N);
    await revokeUnusedKeys();
    const [warning] = await warningsOf(w.endpoint, key.id);
    // Idle far longer than N days: revoked a week from the warning, not at once.
    near(warning?.data.revoke_at, nowMs() + 7 * DAY);
    at(206.9);
    await revokeUnusedKeys();
    expect((await row(key.id))?.revokedAt).toBeNull();
    at(207.1);
    await revokeUnusedKeys();
    expect((await row(key.id))?.revokedAt).not.toBeNull();
  });

  it("a key used after its warning is warned again before any revocation", async () => {
    started = 0;
    const w = await world();
    const { key, secret } = await w.key();
    at(N - 6);
    await revokeUnusedKeys();
    expect(await warningsOf(w.endpoint, key.id)).toHaveLength(1);

    // Used two days later: a new idle spell.
    at(N - 4);
    expect((await me(secret)).status).toBe(200);
    await flushUsage();
    const usedAt = (await row(key.id))?.lastUsedAt as Date;
    expect(usedAt.getTime()).toBeGreaterThan(new Date(key.created_at).getTime() + (N - 5) * DAY);

    // Past the first warning's date: neither revoked nor warned (used 5 days ago).
    at(N + 1);
    await revokeUnusedKeys();
    expect((await row(key.id))?.revokedAt).toBeNull();
    expect(await warningsOf(w.endpoint, key.id)).toHaveLength(1);

    // Idle N-7 days since the use: warned again, then revoked a week on.
    at(N - 4 + N - 7 + 0.1);
    await revokeUnusedKeys();
    expect(await warningsOf(w.endpoint, key.id)).toHaveLength(2);
    expect(await queuedMail("api_key_unused_warning", w.holder.email)).toHaveLength(2);
    at(N - 4 + N + 0.1);
    await revokeUnusedKeys();
    expect((await row(key.id))?.revokedAt).not.toBeNull();
  });

  it("leaves alone keys that do not work: pending, revoked, expired", async () => {
    started = 0;
    const w = await world(N, { requireKeyApproval: true });
    const pending = await w.key("waiting");
    expect(pending.key.status).toBe("pending_approval");
    const revoked = await w.key("gone");
    // A member's keys wait for approval here: revoking one needs no decision.
    await revokeApiKey(w.ctx, revoked.key.id);
    const db = await getDb();
    const expiring = await w.key("short");
    await db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() + 10 * DAY) })
      .where(eq(apiKeys.id, expiring.key.id));
    at(N + 60);
    await revokeUnusedKeys();
    at(N + 70);
    await revokeUnusedKeys();
    for (const k of [pending, revoked, expiring]) {
      expect(await warningsOf(w.endpoint, k.key.id)).toEqual([]);
      expect(await audit(k.key.id, "api_key.unused_warning")).toEqual([]);
    }
    expect((await row(pending.key.id))?.revokedAt).toBeNull();
  });
});
