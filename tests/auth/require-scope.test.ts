import { beforeAll, describe, expect, it, vi } from "vitest";
import * as auditLogsRoute from "@/app/api/v1/audit-logs/route";
import { getDb } from "@/db";
import { testClock } from "@/lib/clock";
import { listAuditLogs } from "@/server/audit/list-audit-logs";
import { listAuditLogsQuerySchema } from "@/server/audit/schemas";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { parseOrThrow } from "@/server/core/validation";
import {
  createKey,
  DEMO,
  orgId,
  sessionContext,
  sessionContextOf,
  userId,
} from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

beforeAll(async () => {
  await getDb();
});

const user = { id: "usr_x", email: "x@example.test", name: "X", isPlatformAdmin: false };

function refusal(run: () => void): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("requireScope let it through");
}

describe("requireScope", () => {
  it("reads the context's scopes when it has them: a key narrower than its role is refused", () => {
    const holder = { role: "owner" as const, user, scopes: ["read:users" as const] };
    expect(() => requireScope(holder, "read:users")).not.toThrow();
    const error = refusal(() => requireScope(holder, "write:users"));
    expect(error.toBody()).toEqual({
      error: {
        code: "FORBIDDEN",
        message: "Insufficient permissions for this resource",
        details: {
          reason: "missing_scope",
          required_scope: "write:users",
          hint: expect.any(String),
        },
      },
    });
  });

  it("without scopes, a dashboard viewer holds its role's", () => {
    expect(() => requireScope({ role: "admin", user }, "read:audit-logs")).not.toThrow();
    expect(
      refusal(() => requireScope({ role: "member", user }, "read:audit-logs")).details,
    ).toEqual({
      reason: "missing_scope",
      required_scope: "read:audit-logs",
      hint: expect.any(String),
    });
    // admin:organizations is the platform admin's, whatever the role.
    expect(() => requireScope({ role: "owner", user }, "admin:organizations")).toThrow(ApiError);
    expect(() =>
      requireScope(
        { role: "member", user: { ...user, isPlatformAdmin: true } },
        "admin:organizations",
      ),
    ).not.toThrow();
  });

  it("the verb refuses with the very body the door answers", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const door = await invoke(auditLogsRoute.GET, { path: "/audit-logs", token: secret });
    expect(door.status).toBe(403);

    const owner = await sessionContext(DEMO.acmeOwner, "acme");
    const query = parseOrThrow(listAuditLogsQuerySchema, {});
    const verb = await listAuditLogs({ ...owner, scopes: ["read:users"] }, query).catch(
      (error: ApiError) => error,
    );
    expect(verb).toBeInstanceOf(ApiError);
    expect((verb as ApiError).toBody()).toEqual(door.body);
  });

  it("a dashboard viewer (no scopes of its own) is held to its role by the verb", async () => {
    const member = await sessionContext(DEMO.acmeMember, "acme");
    const { organization, role, user: who, db } = member;
    const query = parseOrThrow(listAuditLogsQuerySchema, {});
    await expect(listAuditLogs({ organization, role, user: who, db }, query)).rejects.toMatchObject(
      { code: "FORBIDDEN", details: { required_scope: "read:audit-logs" } },
    );
    const owner = await sessionContext(DEMO.acmeOwner, "acme");
    const page = await listAuditLogs(
      { organization: owner.organization, role: owner.role, user: owner.user, db: owner.db },
      query,
    );
    expect(Array.isArray(page.data)).toBe(true);
  });
});

describe("the context's db", () => {
  // PGlite: one client whose every query goes through query() or transaction(). (With
  // PostgreSQL the cache waits for its change listener, so a warm read is not guaranteed here.)
  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "is the process's cached handle: a warm context costs no database round trip",
    async () => {
      const db = await getDb();
      const [member, acme] = [await userId(DEMO.acmeMember), await orgId("acme")];
      // Past the settling time of any change an earlier test made (auth-cache.ts: a load of what
      // a change touched in the last 2 s is served but not stored).
      testClock.advance(5_000);
      const first = await sessionContextOf(member, acme);
      expect(first.db).toBe(db);

      const client = (db as unknown as { $client: Record<string, () => unknown> }).$client;
      const spies = ["query", "exec", "transaction"].map((method) => vi.spyOn(client, method));
      try {
        const warm = await sessionContextOf(member, acme);
        expect(warm.db).toBe(db);
        for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      } finally {
        for (const spy of spies) spy.mockRestore();
        testClock.reset();
      }
    },
  );
});
