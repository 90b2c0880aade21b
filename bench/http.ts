// `npm run bench:http`: the production server under load, A/B/B/A in one run. A is the cheapest
// /api/v1 answer (the JSON 404 of an unknown path: Next, the public wrapper, the IP limiter); B
// is an authenticated call, with API keys or with OAuth apps' access tokens. Prints req/s, p50, p99 and B/A for each pair, and
// writes the figures to bench/results/. Embedded PGlite by default; PostgreSQL and Redis when
// DATABASE_URL / REDIS_URL are set, and then also the cold verification among 1,000,000 keys
// (`npm run bench:cold` runs only that). Figures only: nothing here asserts a timing.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "@/tests/support/server-harness";
import { setPlanAsPlatformAdmin } from "../e2e/helpers/plans";
import { type ColdResult, measureColdVerification } from "./cold-verify";
import { load, PAIR_HEADER, pairLine, type Round } from "./support/load";
import { mintOAuthTokens } from "./support/oauth-tokens";
import { buildIfNeeded, prepareDatabase, startServer } from "./support/production-server";
import { writeResults } from "./support/results";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number);
const KEYS = 200;
const COLD_ONLY = process.argv.includes("--cold-only");

async function createKeys(base: string, scopes: string[]): Promise<string[]> {
  const login = await fetch(`${base}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@acme.test", password: "voltasis-demo" }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { access_token } = (await login.json()).data;
  const keys: string[] = [];
  for (let i = 0; i < KEYS; i++) {
    const res = await fetch(`${base}/api/v1/api-keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `bench ${i}`, scopes }),
    });
    if (res.status !== 201) throw new Error(`key creation failed: ${res.status}`);
    keys.push((await res.json()).data.key);
  }
  return keys;
}

async function abPairs(env: NodeJS.ProcessEnv, mode: string): Promise<Round[]> {
  prepareDatabase(env);
  const oauthTokens = await mintOAuthTokens(env, KEYS);
  const server = await startServer(env);
  // 200 keys in Acme: more than its demo plan (team) keeps in service.
  await setPlanAsPlatformAdmin(server.base, "Acme", "enterprise");
  const rounds: Round[] = [];
  try {
    const url = (pathname: string) => `${server.base}${pathname}`;
    const { pid } = server;
    const keys = await createKeys(server.base, ["read:users"]);
    // Warm every key (as a steady client would be) and every path's code before measuring.
    await load(url("/api/v1/auth/me"), "warm-up", {
      connections: 10,
      seconds: SECONDS,
      tokens: keys,
    });
    await load(url("/api/v1/no-such-route"), "warm-up", { connections: 10, seconds: 3 });
    await load(url("/api/v1/users"), "warm-up", { connections: 10, seconds: 3, tokens: keys });
    await load(url("/api/v1/auth/me"), "warm-up", {
      connections: 10,
      seconds: SECONDS,
      tokens: oauthTokens,
    });

    console.log(`\nbench:http: ${mode}, ${SECONDS}s rounds, A/B/B/A per pair\n`);
    console.log(PAIR_HEADER);
    for (const connections of CONNECTIONS) {
      for (const [label, pathname, tokens] of [
        ["/auth/me", "/api/v1/auth/me", keys],
        ["/users", "/api/v1/users", keys],
        ["/auth/me, OAuth token", "/api/v1/auth/me", oauthTokens],
        ["/users, OAuth token", "/api/v1/users", oauthTokens],
      ] as const) {
        const a: Round[] = [];
        const b: Round[] = [];
        const roundA = () =>
          load(url("/api/v1/no-such-route"), "404", { connections, seconds: SECONDS, pid });
        const roundB = () =>
          load(url(pathname), label, { connections, seconds: SECONDS, tokens, pid });
        // A, B, B, A: alternated and mirrored, so that a drift over the pair (other work on the
        // cores, the memory limiter filling with the baseline's spread addresses) weighs on
        // both sides alike instead of on whichever side runs last.
        a.push(await roundA());
        b.push(await roundB());
        b.push(await roundB());
        a.push(await roundA());
        rounds.push(...a, ...b);
        console.log(pairLine(`404 vs ${label}`, connections, a, b));
        const unexpected = b.reduce((s, r) => s + r.non2xx, 0);
        if (unexpected > 0) console.log(`  note: ${unexpected} non-2xx answers in the B rounds`);
      }
    }
  } finally {
    await server.stop();
  }
  return rounds;
}

async function main() {
  const mode = process.env.DATABASE_URL
    ? `PostgreSQL${process.env.REDIS_URL ? " + Redis" : ""}`
    : "PGlite";
  buildIfNeeded();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The bench spreads the baseline over many client addresses through X-Forwarded-For.
    TRUST_PROXY: "1",
    // The audience of the OAuth tokens minted above (their resource is PUBLIC_URL/api/v1).
    PUBLIC_URL: process.env.PUBLIC_URL ?? "https://bench.voltasis.test",
    RATE_LIMIT_PREFIX: `voltasis:bench:${randomBytes(4).toString("hex")}:rl`,
  };
  if (!process.env.DATABASE_URL) {
    if (COLD_ONLY) throw new Error("npm run bench:cold needs DATABASE_URL (PostgreSQL)");
    env.PGLITE_DIR = path.join(ROOT, ".data", "bench-pglite");
    rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  }
  const rounds = COLD_ONLY ? [] : await abPairs(env, mode);
  let cold: ColdResult | undefined;
  if (process.env.DATABASE_URL) cold = await measureColdVerification(env, CONNECTIONS);
  const file = writeResults("http", { mode, seconds: SECONDS, rounds, cold });
  console.log(`\nwrote ${file}`);
}

await main();
