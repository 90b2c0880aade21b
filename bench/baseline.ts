// `npm run bench:baseline`: what the plumbing in front of every /api/v1 answer costs. The JSON
// 404 of an unknown path through `node server.mjs` (what `npm start` runs) and through a bare
// `next start` of the same build, servers restarted and alternated A/B/A/B on one embedded
// database. Figures only: nothing here asserts a timing.
import { rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "@/tests/support/server-harness";
import { load, PAIR_HEADER, pairLine, type Round } from "./support/load";
import {
  buildIfNeeded,
  prepareDatabase,
  type ServerKind,
  startServer,
} from "./support/production-server";
import { writeResults } from "./support/results";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function measure(kind: ServerKind, env: NodeJS.ProcessEnv, connections: number) {
  const server = await startServer(env, kind);
  try {
    const url = `${server.base}/api/v1/no-such-route`;
    // Each start is a fresh process: let the JIT settle before the round counts.
    await load(url, "warm-up", { connections, seconds: 2 });
    return await load(url, kind, { connections, seconds: SECONDS, pid: server.pid });
  } finally {
    await server.stop();
  }
}

async function main() {
  buildIfNeeded();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The 404 spreads over many client addresses through X-Forwarded-For.
    TRUST_PROXY: "1",
    PGLITE_DIR: path.join(ROOT, ".data", "bench-baseline"),
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  rmSync(env.PGLITE_DIR as string, { recursive: true, force: true });
  prepareDatabase(env);

  console.log(`\nbench:baseline: JSON 404, PGlite, ${SECONDS}s rounds, A/B alternated\n`);
  console.log(PAIR_HEADER);
  const rounds: Round[] = [];
  for (const connections of CONNECTIONS) {
    const a: Round[] = [];
    const b: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      a.push(await measure("server.mjs", env, connections));
      b.push(await measure("next start", env, connections));
    }
    rounds.push(...a, ...b);
    console.log(pairLine("server.mjs vs next start", connections, a, b));
  }
  console.log(`\nwrote ${writeResults("baseline", { seconds: SECONDS, rounds })}`);
}

await main();
