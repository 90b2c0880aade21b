import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts", "server/**/*.test.ts"],
    // The slow tier (`*.slow.test.ts`: servers and scripts in processes of their own) runs once
    // per CI run, in its PostgreSQL pass; the embedded pass sets VOLTASIS_SLOW_TESTS=skip.
    exclude: [
      "**/node_modules/**",
      ...(process.env.VOLTASIS_SLOW_TESTS === "skip" ? ["**/*.slow.test.ts"] : []),
    ],
    // Each file gets a database of its own (a fresh PGlite, or a PostgreSQL database cloned from
    // a migrated template), so files can run in parallel without seeing each other's rows.
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/loopback-only.ts", "tests/setup/fresh-database.ts"],
    pool: "forks",
    // A worker process per core, each running file after file: a file's own database and a
    // process-state reset (fresh-database.ts) stand in for a new process per file.
    maxWorkers: availableParallelism(),
    isolate: false,
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses:
    // inlined, Vite resolves it (the server-action tests load the real actions, Auth.js included).
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
