// `npm run bench:http`: the production server under load, A/B/A/B in one run. A is the cheapest
// /api/v1 answer (the JSON 404 of an unknown path: Next, the public wrapper, the IP limiter); B
// is an authenticated call with API keys. Prints req/s, p50, p99 and B/A for each pair, and
// writes the figures to bench/results/. Embedded PGlite by default; PostgreSQL and Redis when
// DATABASE_URL / REDIS_URL are set. Figures only: nothing here asserts a timing.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import autocannon from "autocannon";

const ROOT = path.join(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number);
const KEYS = 200;

interface Round {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  execFileSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never answered`);
}

/** A random documentation-range address per request, so the 404 baseline never meets its limit. */
function randomForwardedFor(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

async function load(
  base: string,
  name: string,
  pathname: string,
  connections: number,
  tokens: string[],
): Promise<Round> {
  let next = 0;
  const result = await autocannon({
    url: `${base}${pathname}`,
    connections,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          const headers: Record<string, string> = { "x-forwarded-for": randomForwardedFor() };
          if (tokens.length > 0) {
            next = (next + 1) % tokens.length;
            headers.authorization = `Bearer ${tokens[next]}`;
          }
          return { ...req, headers };
        },
      },
    ],
  });
  return {
    name,
    connections,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

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

const fmt = (n: number) => n.toFixed(0).padStart(6);

async function main() {
  const mode = process.env.DATABASE_URL
    ? `PostgreSQL${process.env.REDIS_URL ? " + Redis" : ""}`
    : "PGlite";
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) run("npm", ["run", "build"], process.env);

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    // The bench spreads the baseline over many client addresses through X-Forwarded-For.
    TRUST_PROXY: "1",
    RATE_LIMIT_PREFIX: `voltasis:bench:${randomBytes(4).toString("hex")}:rl`,
  };
  if (!process.env.DATABASE_URL) {
    env.PGLITE_DIR = path.join(ROOT, ".data", "bench-pglite");
    rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  }
  run("npm", ["run", "--silent", "db:migrate"], env);
  run("npm", ["run", "--silent", "db:seed"], env);

  const server = spawn("node", ["server.mjs"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const rounds: Round[] = [];
  try {
    await waitFor(`${base}/api/v1/health`, server);
    const keys = await createKeys(base, ["read:users"]);
    // Warm every key once (as a steady client would be) before measuring.
    await load(base, "warm-up", "/api/v1/auth/me", 10, keys);

    console.log(`\nbench:http: ${mode}, ${SECONDS}s rounds, A/B/A/B per pair\n`);
    console.log(
      "pair                          conn   A req/s  B req/s  ratio  A p50/p99   B p50/p99",
    );
    for (const connections of CONNECTIONS) {
      for (const [label, pathname] of [
        ["/auth/me", "/api/v1/auth/me"],
        ["/users", "/api/v1/users"],
      ] as const) {
        const a: Round[] = [];
        const b: Round[] = [];
        for (let i = 0; i < 2; i++) {
          a.push(await load(base, "404", "/api/v1/no-such-route", connections, []));
          b.push(await load(base, label, pathname, connections, keys));
        }
        rounds.push(...a, ...b);
        const mean = (rs: Round[], f: (r: Round) => number) =>
          rs.reduce((s, r) => s + f(r), 0) / rs.length;
        const aRps = mean(a, (r) => r.rps);
        const bRps = mean(b, (r) => r.rps);
        console.log(
          `404 vs ${label.padEnd(22)} ${String(connections).padStart(4)}  ${fmt(aRps)}   ${fmt(bRps)}   ${(bRps / aRps).toFixed(2)}  ${fmt(mean(a, (r) => r.p50))}/${mean(a, (r) => r.p99).toFixed(0)}  ${fmt(mean(b, (r) => r.p50))}/${mean(b, (r) => r.p99).toFixed(0)}`,
        );
        const unexpected = b.reduce((s, r) => s + r.non2xx, 0);
        if (unexpected > 0) console.log(`  note: ${unexpected} non-2xx answers in the B rounds`);
      }
    }
  } finally {
    server.kill("SIGTERM");
  }
  const dir = path.join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `http-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ mode, seconds: SECONDS, rounds }, null, 2));
  console.log(`\nwrote ${path.relative(ROOT, file)}`);
}

await main();
