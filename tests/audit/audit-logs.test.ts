import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as auditRoute from "@/app/api/v1/audit-logs/route";
import * as csvRoute from "@/app/api/v1/audit-logs.csv/route";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import * as revokeRoute from "@/app/api/v1/auth/revoke/route";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { CSV_PAGE_SIZE } from "@/server/audit/audit-log-csv";
import { freshOrganization, insertAuditRows } from "@/tests/helpers/audit-world";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

beforeAll(async () => {
  await getDb();
});

interface Entry {
  id: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  credential: string | null;
  target: { type: string; id: string };
  ip: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

async function auditLog(token: string, search = "", headers: Record<string, string> = {}) {
  return invoke<{ data: Entry[]; next_cursor: string | null }>(auditRoute.GET, {
    path: `/audit-logs${search ? `?${search}` : ""}`,
    token,
    headers,
  });
}

async function entries(token: string, search = ""): Promise<Entry[]> {
  const res = await auditLog(token, search);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

async function createKeyAs(token: string, name: string, ip = "203.0.113.5") {
  const res = await invoke(keysRoute.POST, {
    method: "POST",
    path: "/api-keys",
    token,
    ip,
    body: { name, scopes: ["read:users"] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}

async function revokeKeyAs(token: string, id: string) {
  const res = await invoke(keyRoute.DELETE, {
    method: "DELETE",
    path: `/api-keys/${id}`,
    token,
    params: { id },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const DAY = 86_400_000;

describe("GET /audit-logs: the organization's log, filtered", () => {
  it("serves what happened, newest first, with actor, target, IP and credential", async () => {
    const org = await freshOrganization();
    const keyId = await createKeyAs(org.owner.token, "deploy bot", "203.0.113.44");
    await revokeKeyAs(org.owner.token, keyId);

    const log = await entries(org.owner.token);
    expect(log.map((e) => e.action)).toEqual(["api_key.revoked", "api_key.created"]);
    expect(log[1]).toMatchObject({
      actor: { id: org.owner.id, email: org.owner.email },
      target: { type: "api_key", id: keyId },
      ip: "203.0.113.44",
      credential: expect.stringMatching(/^tok_/),
      metadata: { name: "deploy bot", scopes: ["read:users"] },
    });
    expect(log[1]?.id).toMatch(/^aud_/);
  });

  it("filters by actor, action (one or several), target and date range", async () => {
    const org = await freshOrganization();
    const admin = await org.addPerson("admin");
    const ownersKey = await createKeyAs(org.owner.token, "owner key");
    const adminsKey = await createKeyAs(admin.token, "admin key");
    await revokeKeyAs(admin.token, ownersKey);
    const [old] = await insertAuditRows([
      { organizationId: org.id, actorUserId: admin.id, createdAt: new Date(Date.now() - 40 * DAY) },
    ]);

    const byAdmin = await entries(org.owner.token, `actor=${admin.id}`);
    expect(byAdmin.map((e) => e.action)).toEqual([
      "api_key.revoked",
      "api_key.created",
      "api_key.renamed",
    ]);
    expect(byAdmin.every((e) => e.actor?.id === admin.id)).toBe(true);

    const created = await entries(org.owner.token, "action=api_key.created");
    expect(created.map((e) => e.target.id)).toEqual([adminsKey, ownersKey]);

    const several = await entries(org.owner.token, "action=api_key.revoked,api_key.renamed");
    expect(several.map((e) => e.action)).toEqual(["api_key.revoked", "api_key.renamed"]);

    const aboutOwnersKey = await entries(org.owner.token, `target=${ownersKey}`);
    expect(aboutOwnersKey.map((e) => e.action)).toEqual(["api_key.revoked", "api_key.created"]);

    const from = new Date(Date.now() - 41 * DAY).toISOString();
    const to = new Date(Date.now() - 39 * DAY).toISOString();
    const inRange = await entries(org.owner.token, new URLSearchParams({ from, to }).toString());
    expect(inRange.map((e) => e.id)).toEqual([old]);

    const since = await entries(
      org.owner.token,
      `from=${new Date(Date.now() - DAY).toISOString().slice(0, 10)}`,
    );
    expect(since.map((e) => e.id)).not.toContain(old);
    expect(since).toHaveLength(3);

    // A date as `to` reaches through the end of that day.
    const day = new Date(Date.now() - 40 * DAY).toISOString().slice(0, 10);
    const thatDay = await entries(org.owner.token, `from=${day}&to=${day}`);
    expect(thatDay.map((e) => e.id)).toEqual([old]);

    const combined = await entries(org.owner.token, `actor=${admin.id}&action=api_key.created`);
    expect(combined.map((e) => e.target.id)).toEqual([adminsKey]);
  });

  it.each([
    ["from=yesterday", "from"],
    ["from=2026-02-30", "from"],
    ["to=2026-13-01T00:00:00Z", "to"],
    ["from=0001-01-01", "from"],
    ["to=2026-01-01T10:00:00", "to"],
    ["from=2026-03-02&to=2026-03-01T00:00:00Z", "to"],
    ["action=api_key.exploded", "action"],
    ["actor=someone", "actor"],
    ["target=' or 1=1 --", "target"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["cursor=not-a-cursor", "cursor"],
  ])("%s is a 400 naming %s", async (search, field) => {
    const org = await freshOrganization();
    const res = await auditLog(org.owner.token, search);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
    expect(
      (res.body as unknown as { error: { details: { field: string }[] } }).error.details,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it("accepts from equal to to (an empty range) and answers an empty page", async () => {
    const org = await freshOrganization();
    const at = new Date().toISOString();
    const res = await auditLog(
      org.owner.token,
      new URLSearchParams({ from: at, to: at }).toString(),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], next_cursor: null });
  });
});

describe("GET /audit-logs: pagination", () => {
  it("walks every entry exactly once, newest first, also through identical timestamps", async () => {
    const org = await freshOrganization();
    const base = Date.now() - DAY;
    const tied = new Date(base);
    const ids = await insertAuditRows(
      Array.from({ length: 11 }, (_, i) => ({
        organizationId: org.id,
        // Four rows share one microsecond: the id breaks the tie.
        createdAt: i < 4 ? tied : new Date(base - i * 60_000),
      })),
    );
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const search: string = `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await auditLog(org.owner.token, search);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data);
      cursor = res.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(new Set(seen.map((e) => e.id)).size).toBe(11);
    const order = seen.map((e) => [e.created_at, e.id] as const);
    const sorted = [...order].sort((a, b) =>
      a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1,
    );
    expect(order).toEqual(sorted);
  });

  it("walks the entries it started with exactly once while new ones are written meanwhile", async () => {
    const org = await freshOrganization();
    const base = Date.now() - DAY;
    const ids = await insertAuditRows(
      Array.from({ length: 9 }, (_, i) => ({
        organizationId: org.id,
        createdAt: new Date(base - i * 1000),
      })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      // Each page races a write: the new entries are newer than any cursor, so never served here.
      const search: string = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const [res] = await Promise.all([
        auditLog(org.owner.token, search),
        createKeyAs(org.owner.token, "written meanwhile"),
      ]);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((e) => e.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    const walked = seen.filter((id) => ids.includes(id));
    expect(walked.sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("defaults to 50 a page", async () => {
    const org = await freshOrganization();
    await insertAuditRows(
      Array.from({ length: 51 }, (_, i) => ({
        organizationId: org.id,
        createdAt: new Date(Date.now() - i * 1000),
      })),
    );
    const res = await auditLog(org.owner.token);
    expect(res.body.data).toHaveLength(50);
    expect(res.body.next_cursor).toEqual(expect.any(String));
  });
});

describe("GET /audit-logs: who may read it", () => {
  it("is refused to members (no read:audit-logs), JSON and CSV alike", async () => {
    const org = await freshOrganization();
    const member = await org.addPerson("member");
    for (const handler of [auditRoute.GET, csvRoute.GET]) {
      const res = await invoke(handler, { path: "/audit-logs", token: member.token });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        code: "FORBIDDEN",
        details: { required_scope: "read:audit-logs" },
      });
    }
  });

  it("is served to admins and to keys holding read:audit-logs, refused to keys without it", async () => {
    const org = await freshOrganization();
    const admin = await org.addPerson("admin");
    await createKeyAs(org.owner.token, "seen by the admin");
    expect((await entries(admin.token)).map((e) => e.action)).toContain("api_key.created");

    const { secret: reader } = await createKey(DEMO.acmeOwner, "acme", ["read:audit-logs"]);
    expect((await auditLog(reader)).status).toBe(200);
    const { secret: other } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const refused = await auditLog(other);
    expect(refused.status).toBe(403);
  });

  it("never lets a member grant read:audit-logs to a key", async () => {
    const org = await freshOrganization();
    const member = await org.addPerson("member");
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: member.token,
      body: { name: "sneaky", scopes: ["read:audit-logs"] },
    });
    expect(res.status).toBe(403);
  });
});

describe("GET /audit-logs: tenancy", () => {
  it("org A's token and key never see org B's entries, nor by X-Organization-ID", async () => {
    const a = await freshOrganization("Org A");
    const b = await freshOrganization("Org B");
    const aKey = await createKeyAs(a.owner.token, "A's key");
    const bKey = await createKeyAs(b.owner.token, "B's key");

    const seenByA = await entries(a.owner.token);
    expect(seenByA.map((e) => e.target.id)).toEqual([aKey]);
    expect(JSON.stringify(seenByA)).not.toContain(bKey);
    expect(await entries(a.owner.token, `target=${bKey}`)).toEqual([]);
    expect(await entries(a.owner.token, `actor=${b.owner.id}`)).toEqual([]);

    // Acting in B by header without being a member: 403, nothing leaks.
    const override = await auditLog(a.owner.token, "", { "X-Organization-ID": b.id });
    expect(override.status).toBe(403);
    expect(JSON.stringify(override.body)).not.toContain(bKey);

    // A key is pinned to its organization.
    const { secret: acmeReader } = await createKey(DEMO.acmeOwner, "acme", ["read:audit-logs"]);
    const pinned = await auditLog(acmeReader, "", { "X-Organization-ID": b.id });
    expect(pinned.status).toBe(403);
    const own = await auditLog(acmeReader, `target=${bKey}`);
    expect(own.body.data).toEqual([]);

    const csv = await invoke(csvRoute.GET, { path: "/audit-logs.csv", token: a.owner.token });
    expect(csv.body).toContain(aKey);
    expect(csv.body).not.toContain(bKey);
  });

  it("a platform admin may read another organization's log by X-Organization-ID, and that visit is logged", async () => {
    const b = await freshOrganization("Org visited");
    const bKey = await createKeyAs(b.owner.token, "visited key");
    const admin = (await login(DEMO.admin)).access_token;
    const res = await auditLog(admin, "", { "X-Organization-ID": b.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((e) => e.target.id)).toContain(bKey);
    const visits = await entries(b.owner.token, "action=organization.override");
    expect(visits.length).toBeGreaterThan(0);
  });
});

describe("GET /audit-logs.csv", () => {
  it("is a CSV attachment with a header row, formula-like cells defused", async () => {
    const org = await freshOrganization("Acme Exports");
    const sly = await org.addPerson("admin", '=HYPERLINK("http://evil.test","click")');
    await createKeyAs(sly.token, "+cmd|' /C calc'!A0");
    const res = await invoke<string>(csvRoute.GET, {
      path: "/audit-logs.csv",
      token: org.owner.token,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-log-acme-exports-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const lines = res.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "time,action,actor_id,actor_name,actor_email,target_type,target_id,ip,credential,metadata",
    );
    expect(lines).toHaveLength(2);
    // The name is quoted (it holds a comma and quotes) and starts with an apostrophe.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(res.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(lines[1]).toContain(",api_key.created,");
  });

  it("streams every row of a filter over several pages, each once", async () => {
    const org = await freshOrganization();
    const total = CSV_PAGE_SIZE * 2 + 37;
    const base = Date.now() - DAY;
    const ids = await insertAuditRows(
      Array.from({ length: total }, (_, i) => ({
        organizationId: org.id,
        action: "api_key.revoked",
        createdAt: new Date(base - Math.floor(i / 3) * 1000),
      })),
    );
    await insertAuditRows([
      { organizationId: org.id, action: "api_key.renamed", createdAt: new Date(base) },
    ]);
    const res = await invoke<string>(csvRoute.GET, {
      path: "/audit-logs.csv?action=api_key.revoked",
      token: org.owner.token,
    });
    expect(res.status).toBe(200);
    const rows = res.body.trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.includes(",api_key.revoked,"))).toBe(true);
    const idsOut = new Set(rows.map((r) => r.split(",")[6]));
    expect(idsOut.size).toBe(total);
    const times = rows.map((r) => r.split(",")[0] ?? "");
    expect(times).toEqual([...times].sort().reverse());
    expect(ids).toHaveLength(total);
  });

  it("answers 400 for the same bad filters as the list", async () => {
    const org = await freshOrganization();
    const res = await invoke(csvRoute.GET, {
      path: "/audit-logs.csv?from=2026-05-01&to=2026-04-01",
      token: org.owner.token,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: "to", message: "to must not be before from" }),
    ]);
  });
});

describe("coverage: token family revocations are audited", () => {
  it("records a reused refresh token's family revocation, once", async () => {
    const org = await freshOrganization();
    const pair = await login(org.owner.email, org.id);
    const first = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: pair.refresh_token },
    });
    expect(first.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const replay = await invoke(refreshRoute.POST, {
        method: "POST",
        path: "/auth/refresh",
        ip: "203.0.113.66",
        body: { refresh_token: pair.refresh_token },
      });
      expect(replay.status).toBe(401);
    }
    const revoked = await entries(org.owner.token, "action=token_family.revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({
      actor: { id: org.owner.id },
      target: { type: "token_family", id: expect.stringMatching(/^fam_/) },
      ip: "203.0.113.66",
      // Both pairs of the login: the spent refresh token too.
      metadata: { reason: "refresh_token_reused", tokens_revoked: 4 },
    });
  });

  it("records POST /auth/revoke of a refresh token", async () => {
    const org = await freshOrganization();
    const pair = await login(org.owner.email, org.id);
    const res = await invoke(revokeRoute.POST, {
      method: "POST",
      path: "/auth/revoke",
      body: { token: pair.refresh_token },
    });
    expect(res.status).toBe(200);
    const revoked = await entries(org.owner.token, "action=token_family.revoked");
    expect(revoked.map((e) => e.metadata?.reason)).toEqual(["refresh_token_revoked"]);
  });

  it("keeps entries whose actor's account is gone, with a null actor", async () => {
    const org = await freshOrganization();
    const admin = await org.addPerson("admin");
    await createKeyAs(admin.token, "orphan");
    await (await getDb()).delete(users).where(eq(users.id, admin.id));
    const log = await entries(org.owner.token, "action=api_key.created");
    expect(log[0]?.actor).toBeNull();
  });
});
