import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { nowMs, testClock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { flushUsage } from "@/server/usage/flush-usage";
import { DAY_MS, requestsByDay } from "@/server/usage/requests-by-day";
import { recordUsage, setUsageAutoFlush } from "@/server/usage/usage-recorder";
import { freshOrganization } from "@/tests/helpers/audit-world";
import { DEMO, sessionContextOf, userId } from "@/tests/helpers/fixtures";

let world: Awaited<ReturnType<typeof setUp>>;

/**
 * Two organizations of this file's own: in the first an owner and a member with a key each,
 * in the second an owner with a key. The clock stands at noon UTC, so no day ends mid-test.
 */
async function setUp() {
  const a = await freshOrganization("Requests Co");
  const member = await a.addPerson("member");
  const b = await freshOrganization("Elsewhere Co");
  const ownerCtx = await sessionContextOf(a.owner.id, a.id);
  const memberCtx = await sessionContextOf(member.id, a.id);
  const otherCtx = await sessionContextOf(b.owner.id, b.id);
  const key = async (ctx: typeof ownerCtx) =>
    (await createApiKey(ctx, { name: "usage key", scopes: ["read:users"] })).key.id;
  return {
    a,
    b,
    ownerCtx,
    memberCtx,
    otherCtx,
    ownerKey: await key(ownerCtx),
    memberKey: await key(memberCtx),
    otherKey: await key(otherCtx),
  };
}

function record(tokenId: string, organizationId: string, status: number, at: number, times = 1) {
  for (let i = 0; i < times; i++) {
    recordUsage({
      tokenId,
      organizationId,
      route: "/users",
      method: "GET",
      status,
      latencyMs: 3,
      at: new Date(at),
    });
  }
}

beforeAll(async () => {
  setUsageAutoFlush(false);
  await getDb();
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  testClock.advance(today + DAY_MS / 2 - Date.now());
  world = await setUp();
  const start = Math.floor(nowMs() / DAY_MS) * DAY_MS;
  const firstDay = start - 6 * DAY_MS;
  const { a, b, ownerKey, memberKey, otherKey } = world;
  record(ownerKey, a.id, 200, start + 60_000, 3);
  record(memberKey, a.id, 200, start - 2 * DAY_MS, 2);
  record(memberKey, a.id, 404, start - 2 * DAY_MS + 3_600_000);
  record(memberKey, a.id, 500, start + 120_000);
  record(otherKey, b.id, 200, start, 5);
  // The window's edges: the first minute of the first day counts, the minute before it and
  // anything from tomorrow on does not.
  record(ownerKey, a.id, 200, firstDay);
  record(ownerKey, a.id, 200, firstDay - 60_000, 4);
  record(ownerKey, a.id, 200, start + DAY_MS, 4);
  // A user access token's requests are not a key's: the chart counts keys only.
  record(newId("tok"), a.id, 200, start, 6);
  await flushUsage();
});
afterAll(() => {
  testClock.reset();
  setUsageAutoFlush(true);
});

describe("requests over the last 7 days", () => {
  it("gives an owner the organization's key requests, by UTC day and status class", async () => {
    const report = await requestsByDay(world.ownerCtx);
    const today = new Date(Math.floor(nowMs() / DAY_MS) * DAY_MS);
    expect(report.days).toHaveLength(7);
    expect(report.days[6]?.day).toBe(today.toISOString().slice(0, 10));
    expect(report.days[0]?.day).toBe(
      new Date(today.getTime() - 6 * DAY_MS).toISOString().slice(0, 10),
    );
    expect(report.days.map((d) => d.requests)).toEqual([1, 0, 0, 0, 3, 0, 4]);
    expect(report.days[4]).toMatchObject({ "2xx": 2, "4xx": 1, "5xx": 0 });
    expect(report.days[6]).toMatchObject({ "2xx": 3, "4xx": 0, "5xx": 1 });
    expect(report.total).toBe(8);
  });

  it("gives a member the requests of their own keys only", async () => {
    const report = await requestsByDay(world.memberCtx);
    expect(report.days.map((d) => d.requests)).toEqual([0, 0, 0, 0, 3, 0, 1]);
    expect(report.total).toBe(4);
  });

  it("keeps each organization's requests to itself", async () => {
    const report = await requestsByDay(world.otherCtx);
    expect(report.total).toBe(5);
    expect(report.days[6]).toMatchObject({ requests: 5, "2xx": 5 });
  });

  it("shows a platform admin visiting an organization that organization's requests", async () => {
    const admin = await sessionContextOf(await userId(DEMO.admin), world.a.id);
    expect(admin.isMember).toBe(false);
    expect((await requestsByDay(admin)).total).toBe(8);
  });

  it("answers zeros for every day when nothing was requested", async () => {
    const quiet = await freshOrganization("Quiet Co");
    const report = await requestsByDay(await sessionContextOf(quiet.owner.id, quiet.id));
    expect(report.total).toBe(0);
    expect(report.days.every((d) => d.requests === 0)).toBe(true);
  });

  it("refuses a viewer without read:api-keys", async () => {
    await expect(requestsByDay({ ...world.ownerCtx, scopes: [] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
