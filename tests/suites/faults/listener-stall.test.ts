import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed";
import { ensureAuthListener } from "@/server/auth/auth-bus";
import { authCacheUsable } from "@/server/auth/auth-cache";
import { DEMO } from "@/tests/helpers/fixtures";
import { startTcpProxy, type TcpProxy } from "@/tests/helpers/tcp-proxy";
import {
  type ApiInstance,
  callInstance,
  startApiInstance,
  stopApiInstance,
} from "@/tests/support/server-harness";

// Two API instances on one PostgreSQL; B's change listener goes through a TCP proxy that then
// freezes: the connection stays open and silent, as a half-open TCP connection or a stalled proxy
// leaves it. B must notice (its heartbeat stops coming back) and stop serving its cache, rather
// than honour a key revoked on A until the cache's 30 s backstop.
const PREFIX = `voltasis:listener-stall:${randomBytes(4).toString("hex")}:rl`;
// Generous: the bound is ~3 s (2 s of heartbeat silence), but the machine may be busy.
const DEADLINE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(process.env.DATABASE_URL)("a frozen change listener (PostgreSQL)", () => {
  let proxy: TcpProxy;
  let a: ApiInstance;
  let b: ApiInstance;

  beforeAll(async () => {
    const database = new URL(process.env.DATABASE_URL ?? "");
    proxy = await startTcpProxy({
      host: database.hostname,
      port: Number(database.port || 5432),
    });
    const throughProxy = new URL(database);
    throughProxy.hostname = "127.0.0.1";
    throughProxy.port = String(proxy.port);
    [a, b] = await Promise.all([
      startApiInstance(PREFIX),
      startApiInstance(PREFIX, [`--auth-listener-url=${throughProxy.toString()}`]),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopApiInstance));
    await proxy?.close();
  });

  it("a key revoked on A is refused by B soon after, not when B's cache entry expires", async () => {
    const login = await callInstance<{ access_token: string }>(a, "/auth/token", undefined, {
      method: "POST",
      body: JSON.stringify({ email: DEMO.acmeOwner, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const owner = login.body.data.access_token;
    const created = await callInstance<{ id: string; key: string }>(a, "/api-keys", owner, {
      method: "POST",
      body: JSON.stringify({ name: "listener stall", scopes: ["read:users"] }),
    });
    expect(created.status).toBe(201);
    const key = created.body.data;

    // B has verified the key and holds it warm; its listener really is the proxied connection.
    expect((await callInstance(b, "/auth/me", key.key)).status).toBe(200);
    expect((await callInstance(b, "/auth/me", key.key)).status).toBe(200);
    expect(proxy.connections).toBe(1);

    proxy.freeze();
    const revoked = await callInstance(a, `/api-keys/${key.id}`, owner, { method: "DELETE" });
    expect(revoked.status).toBe(200);

    const since = performance.now();
    let status = 200;
    while (status === 200 && performance.now() - since < DEADLINE_MS) {
      await sleep(100);
      ({ status } = await callInstance(b, "/auth/me", key.key));
    }
    console.log(`B refused the revoked key after ${(performance.now() - since).toFixed(0)} ms`);
    expect(status).toBe(401);
  }, 60_000);

  // The other half: without it, a heartbeat that never comes back would pass the test above while
  // turning every instance's cache off for good.
  it("while the listener hears, its heartbeats keep the cache on past the first 2 s", async () => {
    await ensureAuthListener();
    // A LISTEN alone keeps it on for 2 s; at 5 s only heartbeats heard since can.
    await sleep(5_000);
    const since = performance.now();
    while (!authCacheUsable() && performance.now() - since < DEADLINE_MS) await sleep(100);
    expect(authCacheUsable()).toBe(true);
  }, 30_000);
});
