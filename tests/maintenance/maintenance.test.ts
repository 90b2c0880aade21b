import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as usageRoute from "@/app/api/v1/api-keys/[id]/usage/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import { getDb } from "@/db";
import { auditLogs, usageBatches, usageBuckets } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { runMaintenance } from "@/server/maintenance/run-maintenance";
import { freshOrganization, insertAuditRows } from "@/tests/helpers/audit-world";
import { invoke } from "@/tests/helpers/invoke";

beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  delete process.env.AUDIT_RETENTION_DAYS;
  resetEnvForTests();
});

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

async function surviving(ids: string[]): Promise<string[]> {
  const rows = await (await getDb())
    .select({ id: auditLogs.id })
    .from(auditLogs)
    .where(inArray(auditLogs.id, ids));
  return rows.map((r) => r.id).sort();
}

describe("maintenance: usage batch ids", () => {
  it("forgets the ids of batches written more than a day ago, and keeps the recent ones", async () => {
    const db = await getDb();
    const at = Date.now();
    const [old, recent] = [crypto.randomUUID(), crypto.randomUUID()];
    await db.insert(usageBatches).values([
      { id: old, writtenAt: new Date(at - DAY - HOUR) },
      { id: recent, writtenAt: new Date(at - HOUR) },
    ]);
    const report = await runMaintenance();
    expect(report.usageBatchIdsForgotten).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ id: usageBatches.id })
      .from(usageBatches)
      .where(inArray(usageBatches.id, [old, recent]));
    expect(left.map((r) => r.id)).toEqual([recent]);
  });
});

describe("maintenance: audit retention", () => {
  it("deletes entries older than AUDIT_RETENTION_DAYS (default 365) and nothing newer", async () => {
    const org = await freshOrganization();
    const at = Date.now();
    const [ancient, yearAndADay, almostAYear, today] = await insertAuditRows(
      [800, 366, 364, 0].map((days) => ({
        organizationId: org.id,
        createdAt: new Date(at - days * DAY),
      })),
    );
    const report = await runMaintenance();
    expect(report.auditEntriesDeleted).toBeGreaterThanOrEqual(2);
    expect(await surviving([ancient, yearAndADay, almostAYear, today] as string[])).toEqual(
      [almostAYear, today].sort(),
    );
    // Nothing old is left: a second run deletes nothing.
    expect((await runMaintenance()).auditEntriesDeleted).toBe(0);
  });

  it("honours a shorter AUDIT_RETENTION_DAYS, in batches", async () => {
    process.env.AUDIT_RETENTION_DAYS = "30";
    resetEnvForTests();
    const org = await freshOrganization();
    const at = Date.now();
    const old = await insertAuditRows(
      Array.from({ length: 23 }, (_, i) => ({
        organizationId: org.id,
        createdAt: new Date(at - (31 + i) * DAY),
      })),
    );
    const [recent] = await insertAuditRows([
      { organizationId: org.id, createdAt: new Date(at - 29 * DAY) },
    ]);
    const report = await runMaintenance({ batchSize: 5 });
    expect(report.auditEntriesDeleted).toBeGreaterThanOrEqual(23);
    expect(await surviving([...old, recent as string])).toEqual([recent]);
  });
});

interface BucketSeed {
  at: number;
  route: string;
  statusClass: "2xx" | "4xx" | "5xx";
  count: number;
  rateLimited?: number;
  unauthorized?: number;
  forbidden?: number;
  notFound?: number;
  latency: number;
}

/** A key of a fresh organization, with minute buckets written straight into usage_buckets. */
async function keyWithUsage(seeds: BucketSeed[]) {
  const org = await freshOrganization();
  const keyRes = await invoke(keysRoute.POST, {
    method: "POST",
    path: "/api-keys",
    token: org.owner.token,
    body: { name: "metered", scopes: ["read:users"] },
  });
  expect(keyRes.status).toBe(201);
  const keyId = keyRes.body.data.id as string;
  await (await getDb()).insert(usageBuckets).values(
    seeds.map((s) => ({
      tokenId: keyId,
      organizationId: org.id,
      bucketStart: new Date(s.at),
      route: s.route,
      method: "GET",
      statusClass: s.statusClass,
      count: s.count,
      rateLimited: s.rateLimited ?? 0,
      unauthorized: s.unauthorized ?? 0,
      forbidden: s.forbidden ?? 0,
      notFound: s.notFound ?? 0,
      totalLatencyMs: s.latency,
    })),
  );
  return { org, keyId };
}

/** Minute-aligned times, `days` ago, starting a few minutes into an hour. */
function minutesAgo(days: number, minutes: number[], now: number): number[] {
  const hour = Math.floor((now - days * DAY) / HOUR) * HOUR;
  return minutes.map((m) => hour + m * MINUTE);
}

function seeds(now: number): BucketSeed[] {
  const out: BucketSeed[] = [];
  // 3 days old: stays minute by minute.
  for (const at of minutesAgo(3, [1, 2, 3], now)) {
    out.push({ at, route: "/users", statusClass: "2xx", count: 5, latency: 50 });
  }
  // 10 days old, over two hours: becomes hour buckets.
  for (const at of [...minutesAgo(10, [0, 7, 59], now), ...minutesAgo(10, [61, 90], now)]) {
    out.push({ at, route: "/users", statusClass: "2xx", count: 3, latency: 31 });
    out.push({
      at,
      route: "/auth/me",
      statusClass: "4xx",
      count: 2,
      rateLimited: 1,
      unauthorized: 1,
      latency: 7,
    });
  }
  // 100 and 101 days old, over several hours: become day buckets.
  for (const days of [100, 101]) {
    for (const at of minutesAgo(days, [0, 13, 75, 300, 301], now)) {
      out.push({
        at,
        route: "/users",
        statusClass: "4xx",
        count: 4,
        forbidden: 2,
        notFound: 2,
        latency: 11,
      });
      out.push({ at, route: "/users", statusClass: "5xx", count: 1, latency: 900 });
    }
  }
  return out;
}

async function report(token: string, keyId: string, from: number, to: number) {
  const search = new URLSearchParams({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    interval: "day",
  });
  const res = await invoke(usageRoute.GET, {
    path: `/api-keys/${keyId}/usage?${search}`,
    token,
    params: { id: keyId },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { totals: res.body.data.totals, routes: res.body.data.routes };
}

async function bucketsOf(keyId: string) {
  return (await getDb())
    .select({
      at: usageBuckets.bucketStart,
      route: usageBuckets.route,
      statusClass: usageBuckets.statusClass,
      count: usageBuckets.count,
      latency: usageBuckets.totalLatencyMs,
    })
    .from(usageBuckets)
    .where(eq(usageBuckets.tokenId, keyId));
}

async function sums(keyId: string) {
  const [row] = await (await getDb())
    .select({
      count: sql<number>`sum(${usageBuckets.count})`.mapWith(Number),
      rateLimited: sql<number>`sum(${usageBuckets.rateLimited})`.mapWith(Number),
      unauthorized: sql<number>`sum(${usageBuckets.unauthorized})`.mapWith(Number),
      forbidden: sql<number>`sum(${usageBuckets.forbidden})`.mapWith(Number),
      notFound: sql<number>`sum(${usageBuckets.notFound})`.mapWith(Number),
      latency: sql<number>`sum(${usageBuckets.totalLatencyMs})`.mapWith(Number),
    })
    .from(usageBuckets)
    .where(eq(usageBuckets.tokenId, keyId));
  return row;
}

describe("maintenance: usage roll-ups", () => {
  it("rolls minutes older than 7 days into hours and older than 90 days into days, totals exact", async () => {
    const now = Date.now();
    const { org, keyId } = await keyWithUsage(seeds(now));
    const ranges = [
      [now - 120 * DAY, now],
      [now - 30 * DAY, now],
      [now - 102 * DAY, now - 95 * DAY],
    ] as const;
    const before = await Promise.all(
      ranges.map(([from, to]) => report(org.owner.token, keyId, from, to)),
    );
    const rawBefore = await sums(keyId);

    await runMaintenance({ now: new Date(now) });

    expect(await sums(keyId)).toEqual(rawBefore);
    const after = await Promise.all(
      ranges.map(([from, to]) => report(org.owner.token, keyId, from, to)),
    );
    expect(after).toEqual(before);

    const rows = await bucketsOf(keyId);
    const age = (r: { at: Date }) => now - r.at.getTime();
    // Recent minutes untouched; 10-day-old rows on whole hours; 100-day-old rows on whole days.
    expect(rows.filter((r) => age(r) < 7 * DAY)).toHaveLength(3);
    const hourly = rows.filter((r) => age(r) > 7 * DAY && age(r) < 90 * DAY);
    expect(hourly.every((r) => r.at.getTime() % HOUR === 0)).toBe(true);
    expect(hourly).toHaveLength(4); // 2 hours × 2 (route, status class) series
    const daily = rows.filter((r) => age(r) > 90 * DAY);
    expect(daily.every((r) => r.at.getTime() % DAY === 0)).toBe(true);
    expect(daily.length).toBeLessThanOrEqual(2 * 2 * 2); // ≤ 2 days (each may span 2) × 2 series
    const usersHour = hourly.find((r) => r.route === "/users");
    expect(usersHour?.count).toBe(9);
    expect(usersHour?.latency).toBe(93);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const now = Date.now();
    const { keyId } = await keyWithUsage(seeds(now));
    await runMaintenance({ now: new Date(now) });
    const once = await bucketsOf(keyId);
    const second = await runMaintenance({ now: new Date(now) });
    expect(second.usageRowsRolledUpHourly).toBe(0);
    expect(second.usageRowsRolledUpDaily).toBe(0);
    const twice = await bucketsOf(keyId);
    const key = (r: (typeof once)[number]) => `${r.at.toISOString()} ${r.route} ${r.statusClass}`;
    expect(twice.map(key).sort()).toEqual(once.map(key).sort());
  });

  it("keeps totals exact when several runs race, in small batches", async () => {
    const now = Date.now();
    const { keyId } = await keyWithUsage(seeds(now));
    const rawBefore = await sums(keyId);
    await Promise.all(
      Array.from({ length: 4 }, () => runMaintenance({ now: new Date(now), batchSize: 3 })),
    );
    expect(await sums(keyId)).toEqual(rawBefore);
    const rows = await bucketsOf(keyId);
    const age = (r: { at: Date }) => now - r.at.getTime();
    expect(rows.filter((r) => age(r) > 7 * DAY).every((r) => r.at.getTime() % HOUR === 0)).toBe(
      true,
    );
    expect(rows.filter((r) => age(r) > 91 * DAY).every((r) => r.at.getTime() % DAY === 0)).toBe(
      true,
    );
  });
});
