import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const pgliteDir = process.env.E2E_PGLITE_DIR ?? ".data/e2e-pglite";
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
// The dev smoke's `npm run dev`: its own port, database and dist dir, by default derived from the
// production server's, so two runs in one checkout never share them.
const devPort = Number(process.env.E2E_DEV_PORT ?? port + 1);
const devBaseURL = `http://localhost:${devPort}`;
const devPgliteDir = process.env.E2E_DEV_PGLITE_DIR ?? `${pgliteDir}-dev`;
const devDistDir = process.env.E2E_DEV_DIST_DIR ?? `${distDir}-dev-e2e`;
// The slow tier (`*.slow.spec.ts`: `npm run dev`, servers of their own) does not depend on the
// database the shared server uses: CI runs it once, in its PostgreSQL pass, and its embedded pass
// sets VOLTASIS_SLOW_TESTS=skip. npm test runs it.
const slowTier = process.env.VOLTASIS_SLOW_TESTS !== "skip";
// VOLTASIS_E2E_ONLY=postgres (CI's PostgreSQL pass): of the shared server's tests only those tagged
// @postgres, which reach into its database, beside the slow tier. The rest drive the same pages
// through the same API, so CI runs them once, on the embedded database a newcomer starts with;
// the integration suite runs on both databases.
const postgresOnly = process.env.VOLTASIS_E2E_ONLY === "postgres";

/** `npm run dev` for the dev smoke, on a database and dist dir of its own. */
function devServer() {
  return {
    // `npm run dev` on a fresh embedded database, whatever DATABASE_URL says. It counts as
    // started once it listens, so its first migration and seeding overlap the production build;
    // the dev smoke waits for /api/v1/health itself.
    name: "dev",
    command: "sh scripts/e2e-dev-server.sh",
    wait: { stdout: /Voltasis ready on/ },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(devPort), PGLITE_DIR: devPgliteDir, NEXT_DIST_DIR: devDistDir },
  } as const;
}

/**
 * Debian's Chromium first (no browser downloads here), then Playwright's own, else a clear error.
 * Its headless shell before the full browser: the same engine without the desktop browser's
 * compositing, and what Playwright itself runs headless (the suite runs a fifth faster on it).
 */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const path of ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]) {
    if (existsSync(path)) return path;
  }
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    "No Chromium found for the e2e tests: run npm test (scripts/ensure-browser.mjs installs one), or sudo apt-get install -y chromium",
  );
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // One production server with one database, one test at a time. Two workers were tried: on two
  // cores they saved under a minute, and lists shared by the tests (Acme's keys, 25 a page) then
  // changed under each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    // A trace records every test to keep the failing ones: a seventh of the suite's time here.
    // E2E_TRACE=1 turns it on to chase a failure; a failure's screenshot and page snapshot
    // (error-context.md) are kept either way.
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    permissions: ["clipboard-read", "clipboard-write"],
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Each demo account signs in through the form once; tests start from its saved session.
    { name: "sign in", testMatch: /sign-in\.setup\.ts/ },
    {
      name: "chromium",
      testIgnore: [/login-rate-limit\.spec\.ts/, /\.slow\.spec\.ts/],
      ...(postgresOnly ? { grep: /@postgres/ } : {}),
      dependencies: ["sign in"],
    },
    // Servers of their own beside the shared one, with timings to hold: one file at a time, after
    // the parallel part.
    ...(slowTier
      ? [
          {
            name: "slow tier",
            testMatch: /\.slow\.spec\.ts/,
            testIgnore: /dev-smoke\.slow\.spec\.ts/,
            workers: 1,
            dependencies: ["chromium"],
          },
        ]
      : []),
    // Floods the per-address budget that every other test's logins share: so it runs last.
    ...(postgresOnly
      ? []
      : [
          {
            name: "rate limits",
            testMatch: /login-rate-limit\.spec\.ts/,
            dependencies: [slowTier ? "slow tier" : "chromium"],
          },
        ]),
    // A journey through the dialogs under `npm run dev`: React StrictMode, pages compiled on demand.
    ...(slowTier
      ? [
          {
            name: "dev smoke",
            testMatch: /dev-smoke\.slow\.spec\.ts/,
            use: { baseURL: devBaseURL },
          },
        ]
      : []),
  ],
  // Playwright starts every server, whatever --project selects, one after the other.
  webServer: [
    ...(slowTier ? [devServer()] : []),
    {
      // Builds and serves the production app on a fresh embedded database (or DATABASE_URL).
      name: "production",
      command: "sh scripts/e2e-server.sh",
      url: `${baseURL}/api/v1/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        PGLITE_DIR: pgliteDir,
        NEXT_DIST_DIR: distDir,
        // e2e/webhooks.spec.ts delivers to a receiver it starts on 127.0.0.1.
        WEBHOOKS_ALLOW_PRIVATE: "1",
      },
    },
  ],
});
