import { describe, expect, it } from "vitest";
import {
  DEFAULT_REQUEST_LOG_FILTERS,
  formatLatency,
  isDefaultRequestLogFilters,
  isRequestId,
  requestLogQuery,
  requestLogSearch,
  statusTone,
} from "@/components/request-logs/request-log-filters";
import { listRequestLogsQuerySchema } from "@/server/request-logs/schemas";

const ROUTES = ["/api-keys", "/api-keys/{id}", "/users"];
const filters = (change: Partial<typeof DEFAULT_REQUEST_LOG_FILTERS>) => ({
  ...DEFAULT_REQUEST_LOG_FILTERS,
  ...change,
});

describe("the Logs page's filters as a GET /request-logs query", () => {
  it("sends nothing for the defaults: the server's prefetch and the client share one key", () => {
    expect(requestLogSearch(requestLogQuery(DEFAULT_REQUEST_LOG_FILTERS, ROUTES))).toBe("");
    expect(isDefaultRequestLogFilters(filters({ request: "req_x" }))).toBe(true);
    expect(isDefaultRequestLogFilters(filters({ status: "4xx" }))).toBe(false);
  });

  it("maps each filter to the query the API takes", () => {
    const query = requestLogQuery(
      filters({ status: "4xx", route: "/users", key: " key_3hT9xQ2mVb7Lk0PzR1aD " }),
      ROUTES,
    );
    expect(query).toMatchObject({
      status: "4xx",
      route: "/users",
      key_id: "key_3hT9xQ2mVb7Lk0PzR1aD",
    });
    // What the page sends, the server's own schema takes.
    expect(listRequestLogsQuerySchema.safeParse(query).success).toBe(true);
  });

  it.each([
    ["a status the page does not offer", { status: "418" }],
    ["a status that is no status", { status: "teapot" }],
    ["a route the API does not have", { route: "/nope" }],
    ["a key box holding no id", { key: "my key" }],
  ])("leaves out %s rather than have it refused", (_what, change) => {
    expect(requestLogSearch(requestLogQuery(filters(change), ROUTES))).toBe("");
  });

  it("reads dates as the reader's days, 'to' through the end of its day", () => {
    const query = requestLogQuery(filters({ from: "2026-03-01", to: "2026-03-02" }), ROUTES);
    expect(query.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 2, 3).toISOString());
    expect(listRequestLogsQuerySchema.safeParse(query).success).toBe(true);
  });
});

describe("the Logs page's small helpers", () => {
  it("knows a request id when it sees one", () => {
    expect(isRequestId("req_7Hq2LmX9vPz4Tb1Kc8Wd")).toBe(true);
    expect(isRequestId("req_short")).toBe(false);
    expect(isRequestId("key_7Hq2LmX9vPz4Tb1Kc8Wd")).toBe(false);
  });

  it.each([
    [200, "success"],
    [204, "success"],
    [401, "refused"],
    [429, "refused"],
    [503, "failed"],
    [302, "other"],
  ] as const)("colours %i as %s", (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });

  it.each([
    [4.213, "4.2 ms"],
    [180.4, "180 ms"],
    [1234, "1.2 s"],
  ])("writes a latency of %f ms as %s", (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });
});
