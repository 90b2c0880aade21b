import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { freePort } from "../tests/support/server-harness";

// A production start on an empty database, as someone deploying Voltasis sees it: no demo
// accounts, one line in the log with a one-time setup link, and that link makes the first
// account. It needs a server of its own (the shared e2e server is seeded), so it starts one from
// the same production build, on an embedded database of its own.

const SETUP_LINE = /Set up Voltasis: (http:\/\/\S+\/setup\?token=[A-Za-z0-9_-]+)/;

let server: ChildProcess | undefined;
let setupLink = "";
let origin = "";
const dataDir = `.data/e2e-first-run-${process.pid}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  origin = `http://localhost:${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
  server = spawn("node", ["server.mjs"], {
    env: {
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      PGLITE_DIR: dataDir,
      PUBLIC_URL: origin,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup line in the log:\n${log}`)), 90_000);
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const match = SETUP_LINE.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server?.stdout?.on("data", read);
    server?.stderr?.on("data", read);
    server?.on("exit", (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
});

test.afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

test("the logged link sets up the first account, then /setup is gone", async ({ page }) => {
  expect(setupLink.startsWith(`${origin}/setup?token=`)).toBe(true);

  // A production start has no demo accounts: the login page offers none.
  await page.goto(`${origin}/login`);
  await expect(page.getByText("voltasis-demo")).toHaveCount(0);
  // A made-up token shows no form.
  const forged = await page.goto(`${origin}/setup?token=not-the-logged-token`);
  expect(forged?.status()).toBe(404);

  await page.goto(setupLink);
  await expect(page.getByRole("heading", { name: "Set up Voltasis" })).toBeVisible();
  await page.getByLabel("Your name").fill("Frida First");
  await page.getByLabel("Email").fill("frida@example.test");
  await page.getByLabel("Password").fill("quartz meadow lantern 58");
  await page.getByLabel("Organization name").fill("Northwind");
  await page.getByRole("button", { name: "Create account" }).click();

  await page.waitForURL(`${origin}/dashboard`);
  await expect(page.getByRole("button", { name: /^Organization: Northwind/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("after-setup.png"), fullPage: true });

  // The link was for one use, and with a user in the database there is no setup at all.
  const again = await page.goto(setupLink);
  expect(again?.status()).toBe(404);
});
