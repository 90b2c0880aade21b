import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { statusDaily, statusSamples } from "@/db/schema";
import { now, testClock } from "@/lib/clock";
import { countOf } from "@/server/core/sql-rows";
import { runMaintenance } from "@/server/maintenance/run-maintenance";
import type { ComponentNow } from "@/server/status/current-components";
import { recordStatusSample } from "@/server/status/record-samples";
import { COMPONENTS, type ComponentStatus } from "@/server/status/schemas";
import { forgetStatusReport, statusReport } from "@/server/status/status-report";

const MINUTE = 60_000;
const DAY = 86_400_000;

beforeAll(async () => {
  await getDb();
});

afterEach(async () => {
  testClock.reset();
  forgetStatusReport();
  const db = await getDb();
  await db.delete(statusSamples);
  await db.delete(statusDaily);
});

/** Every component healthy but the database, which is `database`. */
function components(database: ComponentStatus): ComponentNow[] {
  return COMPONENTS.map((c) => ({
    ...c,
    status: c.id === "database" ? database : "operational",
    detail: "",
  }));
}

/** `ok` healthy and `failed` unhealthy database samples, a minute apart, from `start`. */
async function sample(instance: string, start: number, ok: number, failed: number) {
  for (let i = 0; i < ok + failed; i++) {
    await recordStatusSample({
      instance,
      at: new Date(start + i * MINUTE),
      components: components(i < ok ? "operational" : "outage"),
    });
  }
}

function today(): number {
  return Math.floor(now().getTime() / DAY) * DAY;
}

async function databaseDays() {
  const report = await statusReport();
  const database = report.components.find((c) => c.id === "database");
  if (!database) throw new Error("no database component");
  return database;
}

describe("status samples and their uptime", () => {
  it("writes one sample per component and minute, and the same minute once", async () => {
    const at = new Date(today() + 10 * 60 * MINUTE + 5_000);
    expect(await recordStatusSample({ instance: "a", at, components: components("outage") })).toBe(
      4,
    );
    await recordStatusSample({ instance: "a", at, components: components("operational") });
    const rows = await (await getDb())
      .select()
      .from(statusSamples)
      .where(eq(statusSamples.instance, "a"));
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.at.getTime() === today() + 10 * 60 * MINUTE)).toBe(true);
    expect(rows.find((r) => r.component === "database")?.ok).toBe(false);
    expect(rows.find((r) => r.component === "api")?.ok).toBe(true);
  });

  it("computes 90 days of uptime from samples of every instance, the same before and after the roll-up", async () => {
    const t = today();
    // Two days ago: instance a 3 good of 4, instance b 4 good of 4. Today: a 1 good of 2.
    await sample("a", t - 2 * DAY + 60 * MINUTE, 3, 1);
    await sample("b", t - 2 * DAY + 60 * MINUTE, 4, 0);
    await sample("a", t + 60 * MINUTE, 1, 1);
    // 100 days ago: outside the page, and forgotten by the roll-up.
    await sample("a", t - 100 * DAY, 0, 2);

    const before = await databaseDays();
    expect(before.days).toHaveLength(90);
    expect(before.days.at(-1)).toEqual({
      date: new Date(t).toISOString().slice(0, 10),
      uptime: 0.5,
      samples: 2,
    });
    expect(before.days.at(-3)).toMatchObject({ uptime: 0.875, samples: 8 });
    expect(before.days.at(-2)).toMatchObject({ uptime: null, samples: 0 });
    expect(before.uptime_90d).toBe(0.8);
    const api = (await statusReport()).components.find((c) => c.id === "api");
    expect(api?.uptime_90d).toBe(1);

    const report = await runMaintenance();
    // Every sample before today moved: 2 days ago (8 × 4 components) and 100 days ago (2 × 4).
    expect(report.statusSamplesRolledUp).toBe(40);
    expect(report.statusDaysPruned).toBe(4);
    const daily = await (await getDb())
      .select()
      .from(statusDaily)
      .where(eq(statusDaily.component, "database"));
    expect(daily).toEqual([
      {
        component: "database",
        day: new Date(t - 2 * DAY).toISOString().slice(0, 10),
        okCount: 7,
        total: 8,
      },
    ]);
    // Today's samples stay samples: the day is not over.
    expect(await countOf(await getDb(), sql`select count(*)::int as n from status_samples`)).toBe(
      8,
    );
    const after = await databaseDays();
    expect(after.days).toEqual(before.days);
    expect(after.uptime_90d).toBe(0.8);
    // Idempotent: a second run finds nothing to move.
    expect((await runMaintenance()).statusSamplesRolledUp).toBe(0);
  });

  it("lets days age out of the 90 as the clock moves on", async () => {
    const t = today();
    await sample("a", t - 2 * DAY, 1, 1);
    await runMaintenance();
    testClock.advance(87 * DAY);
    const day89 = await databaseDays();
    expect(day89.days[0]).toMatchObject({
      date: new Date(t - 2 * DAY).toISOString().slice(0, 10),
      uptime: 0.5,
    });
    expect(day89.uptime_90d).toBe(0.5);
    testClock.advance(DAY);
    const gone = await databaseDays();
    expect(gone.uptime_90d).toBeNull();
    expect(gone.days.every((d) => d.samples === 0)).toBe(true);
    // One row per component of that day.
    expect((await runMaintenance()).statusDaysPruned).toBe(4);
  });

  it("keeps samples the database refused, and writes them with the next one", async () => {
    const t = today() + 3 * 60 * MINUTE;
    const db = await getDb();
    // A sample of a component the table cannot take stands in for an unreachable database.
    await db.execute(sql`alter table status_samples add constraint no_x check (component <> 'x')`);
    try {
      const broken = [{ id: "x", name: "X", status: "operational", detail: "" }];
      await expect(
        recordStatusSample({
          instance: "c",
          at: new Date(t),
          components: broken as ComponentNow[],
        }),
      ).rejects.toThrow();
    } finally {
      await db.execute(sql`alter table status_samples drop constraint no_x`);
    }
    expect(
      await recordStatusSample({
        instance: "c",
        at: new Date(t + MINUTE),
        components: components("operational"),
      }),
    ).toBe(5);
  });
});
