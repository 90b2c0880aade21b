// Starts the production build the way a deployment runs it, for the HTTP benches: `node
// server.mjs` (what `npm start` runs) or, to price the custom server itself, `next start`.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.join(import.meta.dirname, "..", "..");

export type ServerKind = "server.mjs" | "next start";

export interface RunningServer {
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
}

export function buildIfNeeded(): void {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) run("npm", ["run", "build"], process.env);
}

/** Migrates and seeds the database `env` names (PGLITE_DIR or DATABASE_URL). */
export function prepareDatabase(env: NodeJS.ProcessEnv): void {
  run("npm", ["run", "--silent", "db:migrate"], env);
  run("npm", ["run", "--silent", "db:seed"], env);
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

/** Serves the build on a free port with `env` and waits until /api/v1/health answers. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  kind: ServerKind = "server.mjs",
): Promise<RunningServer> {
  const port = await freePort();
  const args =
    kind === "server.mjs"
      ? ["server.mjs"]
      : [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)];
  // BENCH_CPU_PROF_DIR=dir: each server writes a V8 CPU profile there when it stops.
  const profile = env.BENCH_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${env.BENCH_CPU_PROF_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  try {
    await waitFor(`${base}/api/v1/health`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: child.pid as number, stop };
}
