import { execFile, execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, ROOT, type SpawnedServer, spawnServer } from "@/tests/support/server-harness";

// The production server started the way the Docker image starts it (Dockerfile, stage `runtime`):
// from a folder holding only what that stage copies (the build, production dependencies,
// server.mjs and the few files it reads), configured by environment variables alone (no .env,
// no .data/auth-secret), and, when this process is root, as an unprivileged user. There is no
// Docker daemon where the suite runs; this is the part of the image that can be tested anyway.

const execFileAsync = promisify(execFile);

const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
// nobody:nogroup, which every Debian has; the image's own `node` user is 1000:1000.
const USER = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;
// The files the runtime stage copies from the checkout, besides .next and node_modules.
const COPIED = [
  "package.json",
  "next.config.ts",
  "server.mjs",
  "server/graceful-shutdown.mjs",
  "server/entry-logger.mjs",
  "server/start-tracing.mjs",
  "server/redact-url-queries.mjs",
  "scripts/healthcheck.mjs",
  "drizzle",
];

let app: string;
let server: SpawnedServer;

// npm ci --omit=dev keeps these (next's optional peer @playwright/test is "devOptional"); the
// Dockerfile's prod-deps stage deletes them.
const PRUNED = new Set(["@playwright/test", "playwright", "playwright-core"]);

/** The production dependencies' top-level folders in node_modules, as the prod-deps stage has. */
async function productionPackages(): Promise<string[]> {
  const { stdout: out } = await execFileAsync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const top = new Set<string>();
  for (const line of out.split("\n")) {
    const rel = path.relative(path.join(ROOT, "node_modules"), line.trim());
    if (!line.trim() || rel.startsWith("..") || rel === "") continue;
    const parts = rel.split(path.sep);
    top.add(parts[0]?.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? ""));
  }
  return [...top].filter((name) => name && !PRUNED.has(name));
}

/**
 * The packages `names` of node_modules `from` into node_modules `to`: hard links where the file
 * system allows (fast, and the copy is never chowned), else copies. One `cp -al` per destination
 * folder (node_modules, each @scope), not one per package: ~150 processes took 13 s on 2 cores.
 */
function linkPackages(from: string, to: string, names: string[]): void {
  const byFolder = new Map<string, string[]>();
  for (const name of names) {
    const folder = path.dirname(path.join(to, name));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path.join(from, name)]);
  }
  for (const [folder, sources] of byFolder) {
    mkdirSync(folder, { recursive: true });
    try {
      execFileSync("cp", ["-al", ...sources, `${folder}/`]);
    } catch {
      for (const source of sources) {
        cpSync(source, path.join(folder, path.basename(source)), {
          recursive: true,
          verbatimSymlinks: true,
        });
      }
    }
  }
}

beforeAll(async () => {
  // Reuse the build that is there (CI builds once); build only when there is none.
  if (!existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  // npm ls takes seconds, mostly waiting: it runs while the build is copied.
  const packages = productionPackages();
  app = mkdtempSync(path.join(tmpdir(), "voltasis-image-"));
  chmodSync(app, 0o755);
  for (const file of COPIED)
    cpSync(path.join(ROOT, file), path.join(app, file), { recursive: true });
  // The image's .next belongs to the app user (Next writes its cache there): a real copy, then.
  cpSync(path.join(ROOT, DIST_DIR), path.join(app, ".next"), {
    recursive: true,
    filter: (source) => path.relative(path.join(ROOT, DIST_DIR), source) !== "cache",
  });
  linkPackages(path.join(ROOT, "node_modules"), path.join(app, "node_modules"), await packages);
  mkdirSync(path.join(app, ".data"));

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    VOLTASIS_ENV: "test",
  };
  if (process.env.DATABASE_URL) {
    // This file's own PostgreSQL database, migrated and holding the demo data.
    env.DATABASE_URL = process.env.DATABASE_URL;
  } else {
    // The image's default PGLITE_DIR (.data/pglite, under its working folder), seeded the way
    // an operator would: npm run db:seed from the tools stage, before the server starts.
    execFileSync("npm", ["run", "--silent", "db:seed"], {
      cwd: ROOT,
      env: { ...process.env, PGLITE_DIR: path.join(app, ".data", "pglite") },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  if (process.env.REDIS_URL) {
    env.REDIS_URL = process.env.REDIS_URL;
    env.RATE_LIMIT_PREFIX = process.env.RATE_LIMIT_PREFIX;
  }
  // Only what the image's Dockerfile chowns is the app user's: .next and .data.
  if (asRoot) {
    for (const dir of [".next", ".data"]) {
      execFileSync("chown", ["-R", `${USER.uid}:${USER.gid}`, path.join(app, dir)]);
    }
  }
  server = await spawnServer({ cwd: app, env, ...(asRoot ? { user: USER } : {}) });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (app) rmSync(app, { recursive: true, force: true });
});

describe("the production server as the image runs it", () => {
  it("holds no dev dependency, no .env and no sources besides what the image copies", () => {
    const modules = path.join(app, "node_modules");
    for (const dev of ["typescript", "tsx", "vitest", "@playwright/test", "drizzle-kit"]) {
      expect(existsSync(path.join(modules, dev)), dev).toBe(false);
    }
    for (const absent of [".env", ".env.local", "tsconfig.json", "lib", "db", "app"]) {
      expect(existsSync(path.join(app, absent)), absent).toBe(false);
    }
  });

  it.skipIf(!asRoot)("runs as an unprivileged user (this suite runs as root)", () => {
    const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
    expect(status).toMatch(new RegExp(`^Uid:\\s+${USER.uid}\\s`, "m"));
    expect(statSync(path.join(app, "server.mjs")).uid).toBe(0);
  });

  it("answers /api/v1/health and the sign-in page", async () => {
    const health = await fetch(`${server.base}/api/v1/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { database: { mode: string } };
    expect(body.database.mode).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    const login = await fetch(`${server.base}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("<form");
  });

  it("signs a user in and serves their token", async () => {
    const res = await fetch(`${server.base}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "owner@acme.test", password: "voltasis-demo" }),
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { access_token: string } };
    const me = await fetch(`${server.base}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${data.access_token}` },
    });
    expect(me.status).toBe(200);
    // AUTH_SECRET came from the environment: nothing was generated into .data/.
    expect(existsSync(path.join(app, ".data", "auth-secret"))).toBe(false);
  });

  it("passes the image's HEALTHCHECK, which fails where nothing answers", async () => {
    const check = (port: number) =>
      spawnSync(process.execPath, ["scripts/healthcheck.mjs"], {
        cwd: app,
        env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: String(port) },
        timeout: 15_000,
      }).status;
    expect(check(server.port)).toBe(0);
    expect(check(await freePort())).toBe(1);
  });

  it("drains and exits 0 on SIGTERM (docker stop)", async () => {
    expect(await server.stop()).toBe(0);
  });
});
