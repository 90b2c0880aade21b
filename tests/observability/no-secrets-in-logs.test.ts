import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as refreshRoute from "@/app/api/v1/auth/refresh/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as rotateSecretRoute from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as webhookTestRoute from "@/app/api/v1/webhooks/[id]/test/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { getDb } from "@/db";
import { DEMO_PASSWORD } from "@/db/seed";
import { resetEnvForTests } from "@/lib/env";
import { setLogDestinationForTests, setLogLevel } from "@/lib/logger";
import { hashToken } from "@/server/tokens/format";
import { drainUsage } from "@/server/usage/usage-recorder";
import { drainWebhookOutbox } from "@/server/webhooks/outbox";
import { DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { startReceiver } from "@/tests/helpers/webhooks";

/*
 * A realistic run with the log at its most verbose (trace): sign-ins with passwords, keys,
 * tokens and webhook signing secrets made, used, rotated and refused, requests that fail. Every
 * line the server writes (the logger's, console's, raw stdout/stderr) is captured and searched
 * for each secret it made, its hash, and each password: none may appear.
 */
const captured: string[] = [];
const secrets = new Set<string>();
const passwords = new Set<string>([DEMO_PASSWORD, "wrong-password-for-the-grep"]);

function reveal(value: unknown): string {
  if (typeof value !== "string" || value.length < 8) throw new Error("no secret revealed");
  secrets.add(value);
  return value;
}

beforeAll(async () => {
  await getDb();
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  resetEnvForTests();
  setLogLevel("trace");
  setLogDestinationForTests({ write: (line: string) => captured.push(line) });
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
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
  setLogDestinationForTests(undefined);
  setLogLevel("warn");
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetEnvForTests();
});

describe("a full run's log", () => {
  it("holds request lines but no secret, hash or password", async () => {
    const signIn = (password: string) =>
      invoke(tokenRoute.POST, {
        method: "POST",
        path: "/auth/token",
        body: { email: DEMO.acmeOwner, password },
      });
    const pair = (await signIn(DEMO_PASSWORD)).body.data;
    const access = reveal(pair.access_token);
    const refresh = reveal(pair.refresh_token);
    expect((await signIn("wrong-password-for-the-grep")).status).toBe(401);

    const created = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: access,
      body: { name: "grep me", scopes: ["read:users"] },
    });
    expect(created.status).toBe(201);
    const key = reveal(created.body.data.key);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key })).status).toBe(200);
    // The same secret in headers the wrapper does not expect, and a key with a typo.
    expect(
      (
        await invoke(meRoute.GET, {
          path: "/auth/me",
          headers: { authorization: `Token ${key}`, cookie: `authjs.session-token=${key}` },
        })
      ).status,
    ).toBe(401);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: `${key}x` })).status).toBe(401);
    const id = created.body.data.id as string;
    const revoked = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${id}`,
      token: access,
      params: { id },
    });
    expect(revoked.status).toBe(200);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key })).status).toBe(401);

    const receiver = await startReceiver([500]);
    try {
      const webhook = await invoke(webhooksRoute.POST, {
        method: "POST",
        path: "/webhooks",
        token: access,
        body: { url: receiver.url, events: ["api_key.created"] },
      });
      expect(webhook.status).toBe(201);
      reveal(webhook.body.data.secret);
      const webhookId = webhook.body.data.id as string;
      const rotated = await invoke(rotateSecretRoute.POST, {
        method: "POST",
        path: `/webhooks/${webhookId}/rotate-secret`,
        token: access,
        params: { id: webhookId },
        body: {},
      });
      expect(rotated.status).toBe(200);
      reveal(rotated.body.data.secret);
      // A delivery that fails at the receiver: logged by the outbox, signed with the secrets.
      const sent = await invoke(webhookTestRoute.POST, {
        method: "POST",
        path: `/webhooks/${webhookId}/test`,
        token: access,
        params: { id: webhookId },
      });
      expect(sent.status).toBe(202);
      await drainWebhookOutbox();
    } finally {
      await receiver.close();
    }

    // A request the server fails to parse, with the token pasted into its body.
    const broken = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: access,
      headers: { "content-type": "application/json" },
      rawBody: `{"name":"${access}","password":"${DEMO_PASSWORD}","scopes":[`,
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    const refreshed = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: refresh },
    });
    expect(refreshed.status).toBe(200);
    reveal(refreshed.body.data.access_token);
    reveal(refreshed.body.data.refresh_token);
    // The spent refresh token again: refused.
    const reuse = await invoke(refreshRoute.POST, {
      method: "POST",
      path: "/auth/refresh",
      body: { refresh_token: refresh },
    });
    expect(reuse.status).toBe(401);

    await drainUsage();

    const output = captured.join("\n");
    expect(output).toContain('"msg":"request"');
    expect(captured.filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThan(10);
    const needles = [...[...secrets].flatMap((s) => [s, hashToken(s)]), ...passwords];
    const found = needles.filter((needle) => output.includes(needle));
    expect(found.map((needle) => `${needle.slice(0, 10)}…`)).toEqual([]);
  });
});
