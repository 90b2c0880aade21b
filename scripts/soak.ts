// npm run soak: the production server under a steady load for SOAK_SECONDS (default 300).
// Prints requests, status counts, the server's RSS at start and end, and whether the usage the
// API reports for each key equals the requests made with it. Exits non-zero on any 5xx, network
// error or usage mismatch. Not part of npm test: it takes minutes.
//
//   SOAK_SECONDS   duration of the load (default 300)
//   SOAK_RATE      requests per second with the keys (default 80)
//   SOAK_PORT      port for the server (default: a free one)
//   DATABASE_URL   use this PostgreSQL (migrated and seeded first); otherwise a fresh PGlite
//                  folder under .data/soak
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT, spawnServer } from "@/tests/support/server-harness";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 80);
// The authenticated limit is 1000 requests per minute per token: spread the load over enough
// keys that none comes near it (about 600 per minute each), so every answer is a real one.
const KEY_COUNT = Math.max(1, Math.ceil((RATE * 60) / 600));
const KEY_CREATION_EVERY_MS = 5_000;
const MAX_IN_FLIGHT = 500;
const OWNER = { email: "owner@acme.test", password: "voltasis-demo" };

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fields of our answers the soak reads. */
interface ApiBody {
  data?: { id?: string; key?: string; access_token?: string; totals?: { requests?: number } };
  error?: { code: string; message: string };
}

async function api(
  base: string,
  method: string,
  route: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: ApiBody }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ApiBody };
}

async function main(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("soak: no production build in .next, building it first");
    run("npm", ["run", "build"], env);
  }
  if (env.DATABASE_URL) {
    console.log("soak: PostgreSQL from DATABASE_URL");
  } else {
    env.PGLITE_DIR = path.join(ROOT, ".data", "soak", String(Date.now()));
    mkdirSync(env.PGLITE_DIR, { recursive: true });
    console.log(`soak: fresh PGlite in ${path.relative(ROOT, env.PGLITE_DIR)}`);
  }
  // npm start never seeds: the demo accounts come from the seed, in both modes.
  run("npm", ["run", "--silent", "db:migrate"], env);
  run("npm", ["run", "--silent", "db:seed"], env);

  const port = process.env.SOAK_PORT ? Number(process.env.SOAK_PORT) : undefined;
  const server = await spawnServer({ env, port });
  const base = `${server.base}/api/v1`;
  const pid = server.child.pid ?? 0;
  try {
    const login = await api(base, "POST", "/auth/token", undefined, OWNER);
    if (login.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);
    const owner = login.body.data?.access_token ?? "";
    const keys: { id: string; secret: string; responses: number }[] = [];
    for (let i = 0; i < KEY_COUNT; i++) {
      const created = await api(base, "POST", "/api-keys", owner, {
        name: `soak ${i + 1}`,
        scopes: ["read:users"],
      });
      if (created.status !== 201) throw new Error(`key creation: ${JSON.stringify(created.body)}`);
      const { id = "", key: secret = "" } = created.body.data ?? {};
      keys.push({ id, secret, responses: 0 });
    }

    const statuses = new Map<number, number>();
    const networkErrors: string[] = [];
    let requests = 0;
    let skipped = 0;
    let inFlight = 0;
    let keysCreated = keys.length;
    const pending = new Set<Promise<void>>();
    const track = (p: Promise<void>) => {
      pending.add(p);
      void p.finally(() => pending.delete(p));
    };
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

    const fire = (n: number) => {
      const key = keys[n % keys.length];
      if (!key) return;
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped += 1;
        return;
      }
      requests += 1;
      inFlight += 1;
      const route = n % 2 ? "/auth/me" : "/users";
      track(
        fetch(`${base}${route}`, { headers: { authorization: `Bearer ${key.secret}` } })
          .then(async (res) => {
            await res.arrayBuffer();
            key.responses += 1;
            count(res.status);
          })
          .catch((error: unknown) => {
            networkErrors.push(error instanceof Error ? error.message : String(error));
          })
          .finally(() => {
            inFlight -= 1;
          }),
      );
    };

    const rssStart = rssMiB(pid);
    let rssMax = rssStart;
    // The first sample, after 15 s of load: JIT, pools and caches have grown by then, so growth
    // from it to the end is what a leak would look like.
    let rssWarm: number | undefined;
    console.log(
      `soak: ${SECONDS} s at ${RATE} req/s over ${KEY_COUNT} keys (server pid ${pid}, RSS ${rssStart} MiB)`,
    );
    const started = performance.now();
    let n = 0;
    const TICK_MS = 100;
    const load = setInterval(() => {
      // Catch up on ticks a busy event loop delayed, so the rate holds on average.
      const due = Math.floor(((performance.now() - started) / 1000) * RATE);
      while (n < due) fire(n++);
    }, TICK_MS);
    const creations = setInterval(() => {
      requests += 1;
      track(
        api(base, "POST", "/api-keys", owner, {
          name: `soak trickle ${keysCreated + 1}`,
          scopes: ["read:users"],
        })
          .then((res) => {
            count(res.status);
            if (res.status === 201) keysCreated += 1;
          })
          .catch((error: unknown) => {
            networkErrors.push(String(error));
          }),
      );
    }, KEY_CREATION_EVERY_MS);
    const sampler = setInterval(() => {
      const rss = rssMiB(pid);
      rssMax = Math.max(rssMax, rss);
      rssWarm ??= rss;
      const elapsed = Math.round((performance.now() - started) / 1000);
      console.log(`soak: ${elapsed}s ${requests} requests, ${inFlight} in flight, RSS ${rss} MiB`);
    }, 15_000);

    await sleep(SECONDS * 1000);
    clearInterval(load);
    clearInterval(creations);
    clearInterval(sampler);
    while (pending.size > 0) await Promise.all([...pending]);
    const rssEnd = rssMiB(pid);
    rssMax = Math.max(rssMax, rssEnd);

    // Usage is written once a second; poll until every key's total matches (or give up).
    let mismatches: string[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      await sleep(1_000);
      mismatches = [];
      for (const key of keys) {
        const usage = await api(base, "GET", `/api-keys/${key.id}/usage`, owner);
        const total = usage.body.data?.totals?.requests;
        if (total !== key.responses) {
          mismatches.push(`${key.id}: usage ${total}, responses ${key.responses}`);
        }
      }
      if (mismatches.length === 0) break;
    }

    const by = [...statuses.entries()].sort(([a], [b]) => a - b);
    const fiveXx = by.filter(([s]) => s >= 500).reduce((sum, [, c]) => sum + c, 0);
    const seconds = (performance.now() - started) / 1000;
    console.log("\nsoak results");
    console.log(`  duration:       ${seconds.toFixed(0)} s`);
    console.log(`  requests:       ${requests} (${(requests / seconds).toFixed(1)}/s)`);
    console.log(`  statuses:       ${by.map(([s, c]) => `${s}: ${c}`).join(", ")}`);
    console.log(`  5xx:            ${fiveXx}`);
    console.log(
      `  network errors: ${networkErrors.length}${networkErrors[0] ? ` (${networkErrors[0]})` : ""}`,
    );
    console.log(`  skipped:        ${skipped} (client at ${MAX_IN_FLIGHT} in flight)`);
    console.log(`  keys created:   ${keysCreated}`);
    console.log(
      `  RSS:            start ${rssStart} MiB, after warm-up ${rssWarm ?? "-"} MiB, end ${rssEnd} MiB, max ${rssMax} MiB`,
    );
    console.log(
      `  usage exact:    ${mismatches.length === 0 ? `yes (${keys.map((k) => k.responses).join(" + ")} requests over ${keys.length} keys)` : `NO: ${mismatches.join("; ")}`}`,
    );
    const failed = fiveXx > 0 || networkErrors.length > 0 || mismatches.length > 0;
    console.log(failed ? "soak: FAILED" : "soak: passed");
    return failed ? 1 : 0;
  } finally {
    const code = await server.stop();
    console.log(`soak: server exited with ${code} after SIGTERM`);
    if (env.PGLITE_DIR) rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("soak:", error);
    process.exit(1);
  },
);
