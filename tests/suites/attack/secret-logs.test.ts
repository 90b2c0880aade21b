import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import * as revokeRoute from "@/app/api/v1/auth/revoke/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { hashToken } from "@/server/tokens/format";
import { drainUsage } from "@/server/usage/usage-recorder";
import { DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

/*
 * Everything the server writes (console.* and raw stdout/stderr) while secrets are issued, used,
 * rotated, refreshed, reused and revoked, and while sign-ins fail: none of it may contain a
 * secret, the SHA-256 hash of one, a password or a password hash.
 */
const captured: string[] = [];
/** Every secret the lifecycles saw; each is also searched for as its SHA-256 hash. */
const issued = new Set<string>();
const passwords = new Set<string>([DEMO_PASSWORD]);
const LOG_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

beforeAll(async () => {
  await getDb();
  for (const method of LOG_METHODS) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(format(...args));
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    });
  }
});

afterAll(() => {
  vi.restoreAllMocks();
});

function reveal(secret: unknown): string {
  if (typeof secret !== "string" || secret.length === 0) throw new Error("no secret revealed");
  issued.add(secret);
  return secret;
}

async function signIn(email: string, password: string) {
  passwords.add(password);
  return invoke(tokenRoute.POST, {
    method: "POST",
    path: "/auth/token",
    body: { email, password },
  });
}

/** One lifecycle per kind of secret. Invitations (token shown once, accepted once) join here. */
const LIFECYCLES: Record<string, () => Promise<void>> = {
  "API key: create, use, rotate, use both, revoke, use revoked": async () => {
    const owner = reveal((await signIn(DEMO.acmeOwner, DEMO_PASSWORD)).body.data.access_token);
    const created = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner,
      body: { name: "log lifecycle", scopes: ["read:api-keys", "write:time-entries"] },
    });
    expect(created.status).toBe(201);
    const key = reveal(created.body.data.key);
    const id = created.body.data.id as string;
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key })).status).toBe(200);
    const entry = await invoke(timeEntriesRoute.POST, {
      method: "POST",
      path: "/time-entries",
      token: key,
      body: {
        description: `pasted ${key}`,
        started_at: "2026-01-01T09:00:00Z",
        duration_minutes: 5,
      },
    });
    expect(entry.status).toBe(201);
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${id}/rotate`,
      token: owner,
      params: { id },
      body: { grace_seconds: 60 },
    });
    expect(rotated.status).toBe(200);
    const next = reveal(rotated.body.data.key);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: next })).status).toBe(200);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key })).status).toBe(200);
    const nextId = rotated.body.data.id as string;
    const revoked = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${nextId}`,
      token: owner,
      params: { id: nextId },
    });
    expect(revoked.status).toBe(200);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: next })).status).toBe(401);
  },

  "user tokens: sign in, use, refresh, reuse the spent refresh token, revoke": async () => {
    const pair = (await signIn(DEMO.acmeMember, DEMO_PASSWORD)).body.data;
    const access = reveal(pair.access_token);
    const refresh = reveal(pair.refresh_token);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: access })).status).toBe(200);
    // A refresh token where an access token belongs: refused, and not logged.
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: refresh })).status).toBe(401);
    const refreshed = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: refresh },
    });
    expect(refreshed.status).toBe(200);
    reveal(refreshed.body.data.access_token);
    const second = reveal(refreshed.body.data.refresh_token);
    const reuse = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: refresh },
    });
    expect(reuse.status).toBe(401);
    const revoke = await invoke(revokeRoute.POST, {
      method: "POST",
      path: "/auth/revoke",
      body: { token: second },
    });
    expect(revoke.status).toBe(200);
  },

  "failed sign-ins: wrong password, unknown account": async () => {
    for (const password of ["wrong-password-1", "correct horse battery staple"]) {
      expect((await signIn(DEMO.acmeOwner, password)).status).toBe(401);
    }
    expect((await signIn("nobody@example.test", "hunter2-nobody")).status).toBe(401);
  },

  "a request that fails inside the server: only a request id is logged": async () => {
    const owner = reveal((await signIn(DEMO.acmeOwner, DEMO_PASSWORD)).body.data.access_token);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner,
      headers: { "content-type": "application/json" },
      rawBody: `{"name":"${owner}","scopes":${"[".repeat(5_000)}${"]".repeat(5_000)}}`,
    });
    expect([400, 500]).toContain(res.status);
  },
  // Invitations: when /invitations lands, add "invitation: create (token shown once), accept,
  // accept again" here, passing the invitation token and the new account's password to reveal()
  // and passwords.
};

describe("secrets never reach the server log", () => {
  for (const [name, run] of Object.entries(LIFECYCLES)) {
    it(`${name}: logs no secret, hash or password`, async () => {
      const from = captured.length;
      await run();
      await drainUsage();
      const lines = captured.slice(from);
      const db = await getDb();
      const stored = (await db.select({ hash: users.passwordHash }).from(users)).map((u) => u.hash);
      const needles = [
        ...[...issued].flatMap((secret) => [secret, hashToken(secret)]),
        ...passwords,
        // The stored scrypt strings' derived-key part, a password hash in its own right.
        ...stored.map((hash) => hash.split("$").at(-1) ?? hash),
      ];
      const found = lines.flatMap((line) =>
        needles
          .filter((needle) => line.includes(needle))
          .map((needle) => `${needle.slice(0, 12)}… in: ${line.slice(0, 200)}`),
      );
      expect(found).toEqual([]);
    });
  }

  it("captured the server's output while doing so", () => {
    // The failing request above is logged (today as an unhandled error, after issue 8 maybe not
    // at all); what matters is that the capture works, which the spies guarantee by calling back.
    expect(issued.size).toBeGreaterThanOrEqual(7);
    console.warn("capture check");
    expect(captured.at(-1)).toBe("capture check");
  });
});
