import { beforeAll, describe, expect, it } from "vitest";
import * as incidentRoute from "@/app/api/v1/status/incidents/[id]/route";
import * as incidentsRoute from "@/app/api/v1/status/incidents/route";
import * as statusRoute from "@/app/api/v1/status/route";
import { getDb } from "@/db";
import { SCOPES } from "@/lib/scopes";
import { forgetStatusReport } from "@/server/status/status-report";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

let admin: string;

beforeAll(async () => {
  await getDb();
  admin = (await login(DEMO.admin)).access_token;
});

const post = (token: string | undefined, body: unknown) =>
  invoke(incidentsRoute.POST, { method: "POST", path: "/status/incidents", token, body });
const patch = (token: string | undefined, id: string, body: unknown) =>
  invoke(incidentRoute.PATCH, {
    method: "PATCH",
    path: `/status/incidents/${id}`,
    params: { id },
    token,
    body,
  });
const status = () => invoke(statusRoute.GET, { path: "/status" });

describe("incidents API", () => {
  it("lets a platform admin post an incident and move it through its stages", async () => {
    const opened = await post(admin, { title: "  Elevated errors ", message: "Looking into it" });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const incident = opened.body.data;
    expect(incident).toEqual({
      id: expect.stringMatching(/^inc_/),
      title: "Elevated errors",
      status: "investigating",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      resolved_at: null,
      updates: [
        {
          id: expect.stringMatching(/^incu_/),
          status: "investigating",
          message: "Looking into it",
          created_at: expect.any(String),
        },
      ],
    });
    for (const stage of ["identified", "monitoring", "resolved"]) {
      const res = await patch(admin, incident.id, { status: stage, message: `Now ${stage}` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data.status).toBe(stage);
    }
    const resolved = await patch(admin, incident.id, {
      status: "resolved",
      message: "Postmortem to follow",
      title: "Elevated errors on /users",
    });
    expect(resolved.body.data).toMatchObject({
      title: "Elevated errors on /users",
      status: "resolved",
      resolved_at: expect.any(String),
    });
    expect(resolved.body.data.updates.map((u: { status: string }) => u.status).sort()).toEqual(
      ["identified", "investigating", "monitoring", "resolved", "resolved"].sort(),
    );
    const reopened = await patch(admin, incident.id, { status: "investigating", message: "Back" });
    expect(reopened.body.data.resolved_at).toBeNull();
  });

  it("refuses everyone but platform admins", async () => {
    const owner = (await login(DEMO.acmeOwner)).access_token;
    const refused = await post(owner, { title: "t", message: "m" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({
      reason: "missing_scope",
      required_scope: "admin:organizations",
    });
    expect((await post(undefined, { title: "t", message: "m" })).status).toBe(401);
    // A key of an owner holding every scope its role grants is refused too.
    const ownerKey = await createKey(
      DEMO.acmeOwner,
      "acme",
      SCOPES.filter((s) => s !== "admin:organizations"),
    );
    expect((await post(ownerKey.secret, { title: "t", message: "m" })).status).toBe(403);
    // A platform admin's key: only with admin:organizations.
    const adminKey = await createKey(DEMO.admin, "acme", ["admin:organizations"]);
    const byKey = await post(adminKey.secret, { title: "From monitoring", message: "Auto" });
    expect(byKey.status, JSON.stringify(byKey.body)).toBe(201);
    const narrowKey = await createKey(DEMO.admin, "acme", ["read:users"]);
    expect(
      (await patch(narrowKey.secret, byKey.body.data.id, { status: "resolved", message: "m" }))
        .status,
    ).toBe(403);
    expect(
      (await patch(owner, byKey.body.data.id, { status: "resolved", message: "m" })).status,
    ).toBe(403);
  });

  it.each([
    ["no title", { message: "m" }, "title"],
    ["an empty title", { title: "  ", message: "m" }, "title"],
    ["a title too long", { title: "x".repeat(201), message: "m" }, "title"],
    ["no message", { title: "t" }, "message"],
    ["an unknown status", { title: "t", message: "m", status: "fixed" }, "status"],
  ])("answers 400 to a post with %s", async (_, body, field) => {
    const res = await post(admin, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });

  it("answers 400 to an update without a status or message, and 404 to an unknown incident", async () => {
    const { body } = await post(admin, { title: "t", message: "m" });
    expect((await patch(admin, body.data.id, { message: "m" })).status).toBe(400);
    expect((await patch(admin, body.data.id, { status: "resolved" })).status).toBe(400);
    for (const id of ["inc_0000000000000000000000", "nope", "key_0000000000000000000000"]) {
      const res = await patch(admin, id, { status: "resolved", message: "m" });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });
});

describe("GET /status", () => {
  it("answers everyone with the components, 90 days of uptime and the incidents", async () => {
    const { body } = await post(admin, { title: "Slow sign-ins", message: "Investigating" });
    forgetStatusReport();
    const res = await status();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=10");
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    const report = res.body.data;
    expect(report.status).toBe("operational");
    expect(report.updated_at).toEqual(expect.any(String));
    expect(
      report.components.map((c: { id: string; name: string; status: string }) => [
        c.id,
        c.name,
        c.status,
      ]),
    ).toEqual([
      ["api", "API", "operational"],
      ["database", "Database", "operational"],
      ["cache", "Cache", "operational"],
      ["bus", "Invalidation bus", "operational"],
    ]);
    const cache = report.components.find((c: { id: string }) => c.id === "cache");
    expect(cache.detail).toBe(process.env.REDIS_URL ? "Redis" : "in-memory");
    for (const component of report.components) {
      expect(component.days).toHaveLength(90);
      expect(component.days[0]).toEqual({
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        uptime: null,
        samples: 0,
      });
      expect(component).toHaveProperty("uptime_90d");
    }
    expect(report.incidents[0]).toMatchObject({
      id: body.data.id,
      title: "Slow sign-ins",
      status: "investigating",
      updates: [{ message: "Investigating" }],
    });
  });

  it("keeps its answer for 10 seconds, but shows a new incident at once on this instance", async () => {
    const first = (await status()).body.data.updated_at;
    expect((await status()).body.data.updated_at).toBe(first);
    const { body } = await post(admin, { title: "Webhook delays", message: "Queued" });
    const after = await status();
    expect(after.body.data.incidents[0].id).toBe(body.data.id);
  });
});
