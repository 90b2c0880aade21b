import { describe, expect, it } from "vitest";
import { addEvent, emptyBatch, eventCount, type UsageEvent } from "@/server/usage/usage-batch";

const MINUTE = Date.parse("2026-06-01T12:34:00.000Z");

function event(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    tokenId: "key_a",
    organizationId: "org_a",
    route: "/api-keys",
    method: "GET",
    status: 200,
    latencyMs: 10,
    at: new Date(MINUTE + 5_000),
    ...overrides,
  };
}

function buckets(events: UsageEvent[]) {
  const batch = emptyBatch();
  for (const e of events) addEvent(batch, e);
  return { batch, rows: [...batch.buckets.values()] };
}

describe("addEvent: how calls add up in the usage report", () => {
  it.each([
    [200, "2xx", 0],
    [201, "2xx", 0],
    [204, "2xx", 0],
    [304, "2xx", 0],
    [400, "4xx", 0],
    [401, "4xx", 0],
    [404, "4xx", 0],
    [429, "4xx", 1],
    [500, "5xx", 0],
    [503, "5xx", 0],
  ] as const)("a %i counts as %s (rate limited: %i)", (status, statusClass, rateLimited) => {
    const { rows } = buckets([event({ status })]);
    expect(rows).toEqual([
      expect.objectContaining({ statusClass, count: 1, rateLimited, totalLatencyMs: 10 }),
    ]);
  });

  it("calls in one minute, on one route, method and status class share one row", () => {
    const { batch, rows } = buckets([
      event({ at: new Date(MINUTE), latencyMs: 10, status: 200 }),
      event({ at: new Date(MINUTE + 59_999), latencyMs: 20, status: 201, method: "get" }),
      event({ at: new Date(MINUTE + 30_000), latencyMs: 12.6, status: 204 }),
    ]);
    expect(rows).toEqual([
      {
        tokenId: "key_a",
        organizationId: "org_a",
        bucketStart: MINUTE,
        route: "/api-keys",
        method: "GET",
        statusClass: "2xx",
        count: 3,
        rateLimited: 0,
        unauthorized: 0,
        forbidden: 0,
        notFound: 0,
        totalLatencyMs: 43,
      },
    ]);
    expect(eventCount(batch)).toBe(3);
  });

  it.each([
    ["the next minute", { at: new Date(MINUTE + 60_000) }],
    ["another key", { tokenId: "key_b" }],
    ["another route", { route: "/api-keys/{id}" }],
    ["another method", { method: "POST" }],
    ["another status class", { status: 404 }],
  ])("a call in %s gets a row of its own", (_case, overrides: Partial<UsageEvent>) => {
    const { batch, rows } = buckets([event(), event(overrides)]);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.count)).toEqual([1, 1]);
    expect(eventCount(batch)).toBe(2);
  });

  it("429s are counted among the 4xx and as rate limited", () => {
    const { rows } = buckets([
      event({ status: 429 }),
      event({ status: 429 }),
      event({ status: 403 }),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({ statusClass: "4xx", count: 3, rateLimited: 2 }),
    ]);
  });

  it("a negative latency (a clock step) adds nothing rather than subtracting", () => {
    const { rows } = buckets([event({ latencyMs: -5 }), event({ latencyMs: 7.4 })]);
    expect(rows[0]?.totalLatencyMs).toBe(7);
  });

  it("last used is each key's latest call, whatever order the calls arrive in", () => {
    const { batch } = buckets([
      event({ at: new Date(MINUTE + 50_000) }),
      event({ at: new Date(MINUTE + 10_000) }),
      event({ tokenId: "key_b", at: new Date(MINUTE + 20_000) }),
    ]);
    expect(Object.fromEntries(batch.lastUsed)).toEqual({
      key_a: { at: MINUTE + 50_000, ip: null },
      key_b: { at: MINUTE + 20_000, ip: null },
    });
  });

  it("last used carries the latest call's address; a refused call counts but is no use", () => {
    const { rows, batch } = buckets([
      event({ at: new Date(MINUTE + 10_000), ip: "203.0.113.1" }),
      event({ at: new Date(MINUTE + 30_000), ip: "2001:db8::1" }),
      event({ at: new Date(MINUTE + 50_000), ip: "198.51.100.9", status: 403, refused: true }),
      event({ tokenId: "key_b", ip: "198.51.100.9", status: 403, refused: true }),
    ]);
    expect(Object.fromEntries(batch.lastUsed)).toEqual({
      key_a: { at: MINUTE + 30_000, ip: "2001:db8::1" },
    });
    expect(rows.find((r) => r.tokenId === "key_b")).toMatchObject({ count: 1, forbidden: 1 });
  });
});
