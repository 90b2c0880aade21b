import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { getDb } from "@/db";
import { nowMs } from "@/lib/clock";
import { sessionJwt } from "@/server/auth/session-callbacks";
import { sessionIsValid } from "@/server/auth/session-validity";
import { revokeSessionAction } from "@/server/http/actions/session-actions";
import {
  type ActionDefinition,
  actionDefinition,
  MAX_FIELD_LENGTH,
} from "@/server/http/with-action";
import { consumeRateLimit } from "@/server/rate-limit/consume";
import { AUTHENTICATED_LIMIT, UNAUTHENTICATED_LIMIT } from "@/server/rate-limit/rate-limiter";
import { callAction } from "@/tests/helpers/actions";
import { DEMO, orgId, userId } from "@/tests/helpers/fixtures";
import { nextIp } from "@/tests/helpers/invoke";

// Next.js serves every server action to anyone who knows its id (it is in the page's JavaScript),
// so each one is a door like an /api/v1 route. This suite finds every "use server" module in the
// tree and proves that each of its exports went through withAction, and that each action is
// budgeted, validated and authorized before any work.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SEARCHED = ["app", "server", "components", "lib"];

function serverActionModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (
        /\.(ts|tsx)$/.test(entry) &&
        /^\s*["']use server["']/.test(readFileSync(full, "utf8"))
      ) {
        found.push(full);
      }
    }
  };
  for (const dir of SEARCHED) walk(path.join(ROOT, dir));
  return found.sort();
}

interface Found {
  module: string;
  exportName: string;
  action: unknown;
  definition: ActionDefinition | undefined;
}

let actions: Found[] = [];

beforeAll(async () => {
  await getDb();
  for (const file of serverActionModules()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      actions.push({
        module: path.relative(ROOT, file),
        exportName,
        action: value,
        definition: actionDefinition(value),
      });
    }
  }
  actions = actions.filter((a) => typeof a.action === "function");
});

function fieldNames(definition: ActionDefinition): string[] {
  const shape = (definition.input as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape ? Object.keys(shape) : [];
}

async function ownerSession() {
  return { userId: await userId(DEMO.acmeOwner), organizationId: await orgId("acme") };
}

describe("server action inventory", () => {
  it("finds the actions of the dashboard, setup, invitations and sign-in", () => {
    const names = actions.map((a) => `${a.module}#${a.exportName}`);
    expect(names.length).toBeGreaterThanOrEqual(9);
    expect(names).toContain("server/http/actions/setup-action.ts#setupAction");
    expect(names).toContain("server/http/actions/accept-invitation-action.ts#acceptInviteAction");
    expect(names).toContain("server/http/actions/organization-actions.ts#createOrganizationAction");
  });

  it("every export of every 'use server' module went through withAction", () => {
    const bare = actions.filter((a) => !a.definition).map((a) => `${a.module}#${a.exportName}`);
    expect(bare).toEqual([]);
  });

  it("every action names the fields it reads (an object schema)", () => {
    for (const { definition, exportName } of actions) {
      const input = definition?.input as { shape?: unknown } | undefined;
      expect(input, exportName).toBeDefined();
      expect(input?.shape, exportName).toBeDefined();
    }
  });
});

describe("every action is budgeted", () => {
  it("a spent address is refused before any session, schema or work", async () => {
    for (const { action, exportName } of actions) {
      const ip = nextIp();
      for (let i = 0; i < UNAUTHENTICATED_LIMIT + 1; i++)
        await consumeRateLimit({ kind: "ip", key: ip });
      const outcome = await callAction(action, { ip, session: await ownerSession() });
      expect(outcome, exportName).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    }
  });

  it("public actions spend the address's budget on every call, refusals included", async () => {
    const charged = actions.filter(
      (a) => a.definition?.access.kind === "public" && !a.definition.access.chargedBySignIn,
    );
    expect(charged.length).toBeGreaterThan(0);
    for (const { action, exportName, definition } of charged) {
      const ip = nextIp();
      const junk = Object.fromEntries(
        fieldNames(definition as ActionDefinition).map((f) => [f, ""]),
      );
      for (let i = 0; i < UNAUTHENTICATED_LIMIT; i++)
        await callAction(action, { ip, fields: junk });
      const outcome = await callAction(action, { ip, fields: junk });
      expect(outcome, exportName).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    }
  });

  it("signed-in actions spend the user's budget, like a token", async () => {
    const sessionActions = actions.filter((a) => a.definition?.access.kind === "session");
    for (const { action, exportName } of sessionActions) {
      const member = { userId: await userId(DEMO.acmeMember), organizationId: await orgId("acme") };
      const key = `session:${member.userId}`;
      for (let i = 0; i < AUTHENTICATED_LIMIT; i++) await consumeRateLimit({ kind: "token", key });
      const outcome = await callAction(action, { session: member });
      expect(outcome, exportName).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
      // The next file-level test needs the member's budget back.
      const { processRateLimiter } = await import("@/server/rate-limit/consume");
      await processRateLimiter().reset({ kind: "token", key });
    }
  });
});

describe("every action is validated", () => {
  it("refuses an over-long field (a 60 KB email) before its schema and its work", async () => {
    for (const { action, exportName, definition } of actions) {
      const names = fieldNames(definition as ActionDefinition);
      const fields = Object.fromEntries(names.map((f) => [f, "ok"]));
      fields[names[0] ?? "email"] = `${"a".repeat(60_000)}@example.test`;
      const outcome = await callAction(action, { session: await ownerSession(), fields });
      expect(outcome, exportName).toMatchObject({ ok: false, error: { code: "VALIDATION_ERROR" } });
    }
  });

  it("refuses a field one character over the cap, a file, and too many fields", async () => {
    for (const { action, exportName } of actions) {
      const session = await ownerSession();
      const long = await callAction(action, {
        session,
        fields: { x: "a".repeat(MAX_FIELD_LENGTH + 1) },
      });
      expect(long, exportName).toMatchObject({ ok: false, error: { code: "VALIDATION_ERROR" } });
      const form = new FormData();
      form.append("upload", new Blob(["x"]), "x.txt");
      const file = await callAction(action, { session, fields: form });
      expect(file, exportName).toMatchObject({ ok: false, error: { code: "VALIDATION_ERROR" } });
      const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, "x"]));
      const crowded = await callAction(action, { session, fields: many });
      expect(crowded, exportName).toMatchObject({ ok: false, error: { code: "VALIDATION_ERROR" } });
    }
  });
});

describe("every action is authorized", () => {
  it("signed-in actions refuse a caller without a session", async () => {
    for (const { action, exportName, definition } of actions) {
      if (definition?.access.kind !== "session") continue;
      const outcome = await callAction(action, { fields: {} });
      expect(outcome, exportName).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    }
  });

  it("actions with a scope refuse a member who does not hold it", async () => {
    const member = { userId: await userId(DEMO.acmeMember), organizationId: await orgId("acme") };
    const scoped = actions.filter(
      (a) => a.definition?.access.kind === "session" && a.definition.access.scope,
    );
    // Today no action needs a scope: whatever does (invitations, roles, keys) goes through the API
    // from the dashboard. A scoped action added later must be named here, and is then tried below.
    expect(scoped.map((a) => a.exportName)).toEqual([]);
    for (const { action, exportName, definition } of scoped) {
      const fields = Object.fromEntries(
        fieldNames(definition as ActionDefinition).map((f) => [
          f,
          f === "role" ? "member" : "x@example.test",
        ]),
      );
      const outcome = await callAction(action, { session: member, fields });
      expect(outcome, exportName).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
  });
});

describe("revoking a session (Settings > Account)", () => {
  async function signedIn(email: string, slug: "acme" | "globex") {
    const id = await userId(email);
    const token = await sessionJwt({
      token: {},
      user: { id, organizationId: await orgId(slug) },
      trigger: "signIn",
    });
    return { session: { userId: id, organizationId: await orgId(slug) }, sid: String(token?.sid) };
  }

  it("ends one of the caller's own sessions", async () => {
    const { session, sid } = await signedIn(DEMO.acmeMember, "acme");
    const outcome = await callAction(revokeSessionAction, { session, fields: { session_id: sid } });
    expect(outcome).toMatchObject({ ok: true, value: { id: sid } });
  });

  it("another user's session id does nothing and answers not found", async () => {
    const theirs = await signedIn(DEMO.globexOwner, "globex");
    const member = await signedIn(DEMO.acmeMember, "acme");
    const outcome = await callAction(revokeSessionAction, {
      session: member.session,
      fields: { session_id: theirs.sid },
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND", message: "No active session of yours has this id" },
    });
    expect(await sessionIsValid(theirs.session.userId, nowMs(), theirs.sid)).toBe(true);
  });

  it("a malformed id is a validation error naming the field", async () => {
    const { session } = await signedIn(DEMO.acmeMember, "acme");
    for (const bad of ["", "not a session", "x".repeat(23), "' or 1=1 --"]) {
      const outcome = await callAction(revokeSessionAction, {
        session,
        fields: { session_id: bad },
      });
      expect(outcome, bad).toMatchObject({
        ok: false,
        error: {
          code: "VALIDATION_ERROR",
          details: [{ field: "session_id", message: "Not a session id" }],
        },
      });
    }
  });
});
