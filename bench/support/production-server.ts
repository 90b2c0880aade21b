// Starts the production build the way a deployment runs it, for the HTTP benches: `node
// server.mjs` (what `npm start` runs) or, to price the custom server itself, `next start`.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT, spawnServer } from "@/tests/support/server-harness";

export type ServerKind = "server.mjs" | "next start";

export interface RunningServer {
  base: string;
  pid: number;
  stop: () => Promise<void>;
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

/** Serves the build on a free port with `env` and waits until /api/v1/health answers. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  kind: ServerKind = "server.mjs",
): Promise<RunningServer> {
  // BENCH_CPU_PROF_DIR=dir: each server writes a V8 CPU profile there when it stops.
  const nodeArgs = env.BENCH_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${env.BENCH_CPU_PROF_DIR}`]
    : [];
  const script =
    kind === "server.mjs"
      ? ["server.mjs"]
      : [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", "$PORT"];
  const server = await spawnServer({ env, nodeArgs, script });
  return {
    base: server.base,
    pid: server.child.pid as number,
    stop: async () => {
      await server.stop();
    },
  };
}
