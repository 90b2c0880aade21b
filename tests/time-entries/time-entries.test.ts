import { beforeAll, describe, expect, it } from "vitest";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import { getDb } from "@/db";
import { testClock } from "@/lib/clock";
import { createKey, DEMO, orgId, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

// Opening the file's database (migrate and seed) counts against the hook timeout, not a test's.
beforeAll(async () => {
  await getDb();
});

const create = (token: string, body: unknown) =>
  invoke(timeEntriesRoute.POST, { method: "POST", path: "/time-entries", token, body });
const list = (token: string, query = "") =>
  invoke(timeEntriesRoute.GET, { path: `/time-entries${query}`, token });

describe("POST /time-entries", () => {
  it("creates an entry for the authenticated user in the current organization", async () => {
    const { access_token } = await login(DEMO.acmeMember);
    const res = await create(access_token, {
      description: "  Write integration tests  ",
      started_at: "2024-06-13T09:00:00+02:00",
      duration_minutes: 90,
      // Neither of these can be chosen by the client.
      user_id: await userId(DEMO.acmeOwner),
      organization_id: await orgId("globex"),
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data).sort()).toEqual([
      "created_at",
      "description",
      "duration_minutes",
      "id",
      "started_at",
      "user_id",
    ]);
    expect(res.body.data).toMatchObject({
      user_id: await userId(DEMO.acmeMember),
      description: "Write integration tests",
      started_at: "2024-06-13T07:00:00.000Z",
      duration_minutes: 90,
    });
    expect(res.body.data.id).toMatch(/^te_[0-9A-Za-z]{20}$/);

    const owner = await login(DEMO.acmeOwner);
    const ids = (await list(owner.access_token)).body.data.map((e: { id: string }) => e.id);
    expect(ids).toContain(res.body.data.id);
    const globex = await login(DEMO.globexOwner);
    const globexIds = (await list(globex.access_token)).body.data.map((e: { id: string }) => e.id);
    expect(globexIds).not.toContain(res.body.data.id);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["empty description", { description: "   " }, "description"],
    ["description over 500", { description: "d".repeat(501) }, "description"],
    ["missing description", { description: undefined }, "description"],
    ["started_at not a date", { started_at: "13/06/2024" }, "started_at"],
    ["started_at without time", { started_at: "2024-06-13" }, "started_at"],
    ["duration 0", { duration_minutes: 0 }, "duration_minutes"],
    ["duration over a day", { duration_minutes: 1441 }, "duration_minutes"],
    ["fractional duration", { duration_minutes: 1.5 }, "duration_minutes"],
    ["duration as text", { duration_minutes: "30" }, "duration_minutes"],
  ];
  it.each(invalid)("400 for %s", async (_name, change, field) => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["write:time-entries"]);
    const res = await create(secret, {
      description: "ok",
      started_at: "2024-06-13T09:00:00Z",
      duration_minutes: 30,
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field })]);
  });

  it("accepts the bounds", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    for (const body of [
      { description: "d", duration_minutes: 1 },
      { description: "d".repeat(500), duration_minutes: 1440 },
    ]) {
      const res = await create(access_token, { started_at: "2024-06-13T09:00:00Z", ...body });
      expect(res.status).toBe(201);
    }
  });
});

describe("GET /time-entries", () => {
  it("lists newest first with a default limit of 50 and ?limit up to 100", async () => {
    // A user of its own in Globex, so that the counts are this test's alone.
    const user = await makeUser("globex");
    const { access_token } = await login(user.email);
    const base = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 55; i++) {
      const res = await create(access_token, {
        description: `entry ${i}`,
        started_at: new Date(base + i * 60_000).toISOString(),
        duration_minutes: 5,
      });
      expect(res.status).toBe(201);
      // Newest first is by creation time, kept to the millisecond: a fast machine makes several
      // entries within one, whose order among themselves would be their random ids'.
      testClock.advance(1);
    }
    const page = await list(access_token);
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(50);
    // More entries than one page: next_cursor leads to the rest (tests/core/pagination).
    expect(page.body.next_cursor).toEqual(expect.any(String));
    expect(page.body.data[0].description).toBe("entry 54");
    const started = page.body.data.map((e: { started_at: string }) => e.started_at);
    expect([...started].sort().reverse()).toEqual(started);

    const three = await list(access_token, "?limit=3");
    expect(three.body.data.map((e: { description: string }) => e.description)).toEqual([
      "entry 54",
      "entry 53",
      "entry 52",
    ]);
    const all = await list(access_token, "?limit=100");
    expect(all.body.data.length).toBeGreaterThanOrEqual(58);
    expect(all.body.next_cursor).toBeNull();
  });

  it.each(["0", "101", "abc", "2.5", "-1"])("400 for ?limit=%s", async (limit) => {
    const { access_token } = await login(DEMO.acmeOwner);
    const res = await list(access_token, `?limit=${limit}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: "limit" })]);
  });
});
