import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as deliveriesRoute from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as rotateRoute from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { getDb } from "@/db";
import { auditLogs, webhookEndpoints } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

let owner: string;
let reader: string;
let member: string;
let globex: string;

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "0";
  resetEnvForTests();
  owner = (await createKey(DEMO.acmeOwner, "acme", ["read:webhooks", "write:webhooks"])).secret;
  reader = (await createKey(DEMO.acmeOwner, "acme", ["read:webhooks"])).secret;
  member = (await createKey(DEMO.acmeMember, "acme", ["read:users"])).secret;
  globex = (await createKey(DEMO.globexOwner, "globex", ["read:webhooks", "write:webhooks"]))
    .secret;
});

afterAll(() => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetEnvForTests();
});

function create(token: string, body: unknown) {
  return invoke(webhooksRoute.POST, { method: "POST", path: "/webhooks", token, body });
}

describe("POST /webhooks", () => {
  it("adds an endpoint and shows its whsec_ secret once, stored only sealed and hashed", async () => {
    const res = await create(owner, {
      url: "https://hooks.example.com/voltasis",
      events: ["api_key.created", "api_key.revoked"],
      description: "SIEM",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body.data).toMatchObject({
      url: "https://hooks.example.com/voltasis",
      events: ["api_key.created", "api_key.revoked"],
      description: "SIEM",
      enabled: true,
      disabled_reason: null,
    });
    const secret = res.body.data.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const [row] = await (await getDb())
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, res.body.data.id));
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    const [audit] = await (await getDb())
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.targetId, res.body.data.id));
    expect(audit?.action).toBe("webhook.created");

    const read = await invoke(webhookRoute.GET, {
      path: `/webhooks/${res.body.data.id}`,
      token: reader,
      params: { id: res.body.data.id },
    });
    expect(read.status).toBe(200);
    expect(read.body.data.secret).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(secret);
  });

  it.each([
    [{ url: "http://hooks.example.com/x", events: ["api_key.created"] }, "url"],
    [{ url: "https://127.0.0.1/x", events: ["api_key.created"] }, "url"],
    [{ url: "https://10.1.2.3/x", events: ["api_key.created"] }, "url"],
    [{ url: "https://[::1]/x", events: ["api_key.created"] }, "url"],
    [{ url: "https://169.254.169.254/latest/meta-data", events: ["api_key.created"] }, "url"],
    [{ url: "https://localhost/x", events: ["api_key.created"] }, "url"],
    [{ url: "https://user:pw@hooks.example.com/x", events: ["api_key.created"] }, "url"],
    [{ url: "not a url", events: ["api_key.created"] }, "url"],
    [{ url: "https://hooks.example.com/x", events: [] }, "events"],
    [{ url: "https://hooks.example.com/x", events: ["api_key.eaten"] }, "events"],
    [
      { url: "https://hooks.example.com/x", events: ["api_key.created", "api_key.created"] },
      "events",
    ],
    [
      {
        url: "https://hooks.example.com/x",
        events: ["api_key.created"],
        description: "x".repeat(201),
      },
      "description",
    ],
  ])("refuses %j with a 400 naming %s, and stores nothing", async (body, field) => {
    const db = await getDb();
    const before = (await db.select().from(webhookEndpoints)).length;
    const res = await create(owner, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(res.body.error.details)).toContain(field);
    expect((await db.select().from(webhookEndpoints)).length).toBe(before);
  });

  it("needs write:webhooks, which members cannot hold", async () => {
    const res = await create(member, {
      url: "https://hooks.example.com/x",
      events: ["member.added"],
    });
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({ required_scope: "write:webhooks" });
    const readOnly = await create(reader, {
      url: "https://hooks.example.com/x",
      events: ["member.added"],
    });
    expect(readOnly.status).toBe(403);
  });
});

describe("an endpoint's life", () => {
  it("is listed, changed, disabled, re-enabled and deleted; another organization sees none of it", async () => {
    const made = await create(owner, {
      url: "https://hooks.example.com/a",
      events: ["member.added"],
    });
    const id = made.body.data.id as string;

    const list = await invoke(webhooksRoute.GET, { path: "/webhooks", token: owner });
    expect(list.status).toBe(200);
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(id);
    const foreignList = await invoke(webhooksRoute.GET, { path: "/webhooks", token: globex });
    expect(foreignList.body.data.map((w: { id: string }) => w.id)).not.toContain(id);

    const patch = (token: string, body: unknown) =>
      invoke(webhookRoute.PATCH, {
        method: "PATCH",
        path: `/webhooks/${id}`,
        token,
        body,
        params: { id },
      });
    const changed = await patch(owner, {
      events: ["member.added", "member.removed"],
      enabled: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({
      events: ["member.added", "member.removed"],
      enabled: false,
      disabled_reason: "manual",
    });
    expect((await patch(owner, { enabled: true })).body.data).toMatchObject({
      enabled: true,
      disabled_reason: null,
    });
    expect((await patch(owner, {})).status).toBe(400);
    expect((await patch(owner, { url: "https://192.168.1.1/x" })).status).toBe(400);

    const foreign = await patch(globex, { enabled: false });
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(foreign.body)).not.toContain("hooks.example.com");

    const gone = await invoke(webhookRoute.DELETE, {
      method: "DELETE",
      path: `/webhooks/${id}`,
      token: owner,
      params: { id },
    });
    expect(gone.body.data).toEqual({ id, deleted: true });
    const after = await invoke(webhookRoute.GET, {
      path: `/webhooks/${id}`,
      token: owner,
      params: { id },
    });
    expect(after.status).toBe(404);
  });

  it("answers 404 for an id that exists nowhere and for a malformed one", async () => {
    for (const id of ["we_doesNotExist1234", "not-an-id", "key_abcdefghijkl"]) {
      const res = await invoke(deliveriesRoute.GET, {
        path: `/webhooks/${id}/deliveries`,
        token: owner,
        params: { id },
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });

  it("rotates the secret: a new one shown once, the previous one in grace for the time asked", async () => {
    const made = await create(owner, {
      url: "https://hooks.example.com/r",
      events: ["member.added"],
    });
    const id = made.body.data.id as string;
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/webhooks/${id}/rotate-secret`,
      token: owner,
      body: { grace_seconds: 3600 },
      params: { id },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(made.body.data.secret);
    const graceEnds = Date.parse(rotated.body.data.previous_secret_expires_at);
    expect(graceEnds - Date.now()).toBeGreaterThan(3500_000);
    expect(graceEnds - Date.now()).toBeLessThanOrEqual(3600_000);

    const bad = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/webhooks/${id}/rotate-secret`,
      token: owner,
      body: { grace_seconds: -1 },
      params: { id },
    });
    expect(bad.status).toBe(400);
  });
});
