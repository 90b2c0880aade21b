// `npm run bench:webhooks`: how long from a change to its webhook arriving, on the production
// server. Each round creates an API key through the API (the 201 is the change) and times until
// a receiver on 127.0.0.1 has the signed `api_key.created`. Prints the median, p95 and worst.
// Embedded PGlite by default; PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set.
// Figures only: nothing here asserts a timing.
import { rmSync } from "node:fs";
import path from "node:path";
import { startReceiver } from "@/tests/helpers/webhooks";
import { ROOT } from "@/tests/support/server-harness";
import { setPlanAsPlatformAdmin } from "../e2e/helpers/plans";
import { buildIfNeeded, prepareDatabase, startServer } from "./support/production-server";
import { writeResults } from "./support/results";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main() {
  buildIfNeeded();
  const env: NodeJS.ProcessEnv = { ...process.env, WEBHOOKS_ALLOW_PRIVATE: "1" };
  if (!process.env.DATABASE_URL) {
    env.PGLITE_DIR = path.join(ROOT, ".data", "bench-webhooks-pglite");
    rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  }
  prepareDatabase(env);
  const receiver = await startReceiver();
  const server = await startServer(env);
  // One key per round in Acme: more than its demo plan (team) keeps in service.
  await setPlanAsPlatformAdmin(server.base, "Acme", "enterprise");
  try {
    const login = await fetch(`${server.base}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "owner@acme.test", password: "voltasis-demo" }),
    });
    const { access_token } = (await login.json()).data;
    const call = (pathname: string, body: unknown) =>
      fetch(`${server.base}/api/v1${pathname}`, {
        method: "POST",
        headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const hook = await call("/webhooks", { url: receiver.url, events: ["api_key.created"] });
    if (hook.status !== 201) throw new Error(`endpoint: ${hook.status} ${await hook.text()}`);
    const latencies: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const res = await call("/api-keys", { name: `latency ${i}`, scopes: ["read:users"] });
      const created = performance.now();
      if (res.status !== 201) throw new Error(`key: ${res.status}`);
      await receiver.waitFor(i + 1);
      latencies.push(performance.now() - created);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const figures = {
      rounds: ROUNDS,
      median_ms: Number(percentile(sorted, 50).toFixed(1)),
      p95_ms: Number(percentile(sorted, 95).toFixed(1)),
      worst_ms: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)),
    };
    console.log(
      `change (201 of POST /api-keys) -> api_key.created received, ${ROUNDS} rounds: median ${figures.median_ms} ms, p95 ${figures.p95_ms} ms, worst ${figures.worst_ms} ms`,
    );
    console.log(`wrote ${writeResults("webhook-latency", figures)}`);
  } finally {
    await server.stop();
    await receiver.close();
  }
}

await main();
