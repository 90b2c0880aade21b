import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as usageRoute from "@/app/api/v1/api-keys/[id]/usage/route";
import { getDb } from "@/db";
import { flushUsage } from "@/server/usage/flush-usage";
import { keyUsageReportSchema } from "@/server/usage/schemas";
import { recordUsage, setUsageAutoFlush } from "@/server/usage/usage-recorder";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

const HOUR = 3_600_000;

beforeAll(async () => {
  setUsageAutoFlush(false);
  await getDb();
});
afterAll(() => setUsageAutoFlush(true));

describe("usage split by status code", () => {
  it("counts 401, 403, 404 and 429 answers apart, across flushes, inside the 4xx total", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const acme = await orgId("acme");
    const to = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
    const from = new Date(to.getTime() - 2 * HOUR);
    const at = new Date(from.getTime() + 5 * 60_000);
    const record = (status: number, times: number) => {
      for (let i = 0; i < times; i++) {
        recordUsage({
          tokenId: key.id,
          organizationId: acme,
          route: "/users",
          method: "GET",
          status,
          latencyMs: 5,
          at,
        });
      }
    };
    record(200, 3);
    record(401, 2);
    record(403, 1);
    await flushUsage();
    // A second flush into the same minute's rows adds to them.
    record(404, 4);
    record(429, 2);
    record(400, 1);
    record(401, 1);
    await flushUsage();

    const res = await invoke(usageRoute.GET, {
      path: `/api-keys/${key.id}/usage?from=${from.toISOString()}&to=${to.toISOString()}&interval=hour`,
      token: secret,
      params: { id: key.id },
    });
    expect(res.status).toBe(200);
    const data = keyUsageReportSchema.parse(res.body.data);
    expect(data.totals).toEqual({
      requests: 14,
      "2xx": 3,
      "4xx": 11,
      "5xx": 0,
      rate_limited: 2,
      by_status: { "401": 3, "403": 1, "404": 4, "429": 2 },
    });
  });

  it("reports zeros for a key with no traffic", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const res = await invoke(usageRoute.GET, {
      path: `/api-keys/${key.id}/usage`,
      token: secret,
      params: { id: key.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.totals.by_status).toEqual({ "401": 0, "403": 0, "404": 0, "429": 0 });
  });
});
