import { describe, expect, it } from "vitest";
import * as usageRoute from "@/app/api/v1/oauth-apps/[id]/usage/route";
import { getDb } from "@/db";
import { usageBuckets } from "@/db/schema";
import { createGrant, createKey, DEMO, orgId, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

/** Requests of one credential in the last hour, as the usage flush writes them. */
async function used(tokenId: string, organizationId: string, statusClass: string, count: number) {
  const bucketStart = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000);
  await (await getDb()).insert(usageBuckets).values({
    tokenId,
    organizationId,
    bucketStart,
    route: "/users",
    method: "GET",
    statusClass,
    count,
    totalLatencyMs: count * 3,
  });
}

function usageOf(appId: string, token: string) {
  return invoke(usageRoute.GET, {
    path: `/oauth-apps/${appId}/usage?interval=hour`,
    token,
    params: { id: appId },
  });
}

describe("GET /oauth-apps/{id}/usage", () => {
  it("adds up the requests of every grant of the app, and only of its grants", async () => {
    const acme = await orgId("acme");
    const grant = await createGrant(await userId(DEMO.acmeMember), "acme");
    const other = await createGrant(await userId(DEMO.acmeMember), "acme");
    await used(grant.id, acme, "2xx", 7);
    await used(grant.id, acme, "4xx", 2);
    await used(other.id, acme, "2xx", 100);
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:oauth-apps"]);

    const res = await usageOf(grant.app.id, secret);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      app_id: grant.app.id,
      interval: "hour",
      totals: { requests: 9, "2xx": 7, "4xx": 2 },
      routes: [{ route: "/users", method: "GET", requests: 9, errors: 2, avg_latency_ms: 3 }],
    });
  });

  it("is the organization's: another organization's owner gets a 403, a member lacks the scope", async () => {
    const grant = await createGrant(await userId(DEMO.acmeMember), "acme");
    const globex = await createKey(DEMO.globexOwner, "globex", ["read:oauth-apps"]);
    expect((await usageOf(grant.app.id, globex.secret)).status).toBe(403);
    const member = await createKey(DEMO.acmeMember, "acme", ["read:users"]);
    const refused = await usageOf(grant.app.id, member.secret);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({
      reason: "missing_scope",
      required_scope: "read:oauth-apps",
      hint: expect.any(String),
    });
  });
});
