// One way to start a Voltasis server as a process and know when it answers, for the tests that
// need a whole server (e2e, fault and scale-out tests), the benches and the soak script.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.join(import.meta.dirname, "..", "..");

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === "object"
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Resolves once `url` (say `${base}/api/v1/health`) answers 2xx; rejects if `child` exits first,
 * or after `attempts` tries 250 ms apart (150 s by default: a first start may build or migrate).
 */
export async function waitForHealth(url: string, child: ChildProcess, attempts = 600) {
  for (let i = 0; i < attempts; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} never answered`);
}

export interface SpawnedServer {
  /** `http://127.0.0.1:PORT`. */
  base: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM, then resolves with the exit code once the process has drained and exited. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the production server (`node server.mjs`, what `npm start` runs) from the build in
 * NEXT_DIST_DIR on `port` (a free one by default), and waits for /api/v1/health. `nodeArgs` go
 * before the script (e.g. --cpu-prof), `script` replaces server.mjs (e.g. Next's own `next start`).
 */
export async function spawnServer(
  options: {
    env?: NodeJS.ProcessEnv;
    port?: number;
    nodeArgs?: string[];
    script?: string[];
    stdio?: SpawnOptions["stdio"];
    /** The folder it runs in (a copied build, as the image runs it); the checkout by default. */
    cwd?: string;
    /** Run as this user and group instead of this process's (only root may switch). */
    user?: { uid: number; gid: number };
  } = {},
): Promise<SpawnedServer> {
  const port = options.port ?? (await freePort());
  const script = (options.script ?? ["server.mjs"]).map((arg) =>
    arg.replace("$PORT", String(port)),
  );
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...script], {
    cwd: options.cwd ?? ROOT,
    ...options.user,
    env: {
      ...(options.env ?? process.env),
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: options.stdio ?? ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once("exit", (code) => resolve(code));
      child.kill("SIGTERM");
    });
  try {
    await waitForHealth(`${base}/api/v1/health`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, port, child, stop };
}

export interface ApiInstance {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT/api/v1`. */
  base: string;
}

/**
 * Starts tests/fixtures/api-instance.ts: every /api/v1 route handler behind a plain Node server,
 * no Next build, on the DATABASE_URL and REDIS_URL of this process and the rate-limit namespace
 * `rateLimitPrefix` (instances that share it share budgets). `args` go to the fixture.
 */
export function startApiInstance(rateLimitPrefix: string, args: string[] = []) {
  const fixture = path.join(ROOT, "tests", "fixtures", "api-instance.ts");
  const child = spawn(process.execPath, ["--import", "tsx", fixture, ...args], {
    cwd: ROOT,
    env: { ...process.env, RATE_LIMIT_PREFIX: rateLimitPrefix },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise<ApiInstance>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}`)));
    child.stdout?.once("data", (line: Buffer) => {
      const { port } = JSON.parse(line.toString()) as { port: number };
      resolve({ child, base: `http://127.0.0.1:${port}/api/v1` });
    });
  });
}

/** SIGTERM, then the exit code once the instance has drained. */
export function stopApiInstance(instance: ApiInstance): Promise<number | null> {
  return new Promise((resolve) => {
    instance.child.removeAllListeners("exit");
    instance.child.once("exit", (code) => resolve(code));
    instance.child.kill("SIGTERM");
  });
}

/** A JSON call to an instance, over HTTP, with an optional Bearer token. */
export async function callInstance<T = any>(
  instance: ApiInstance,
  pathname: string,
  token?: string,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (init.body) headers.set("content-type", "application/json");
  const res = await fetch(`${instance.base}${pathname}`, { ...init, headers });
  return { status: res.status, body: (await res.json().catch(() => null)) as { data: T } & any };
}
