// npm run test:quick: the feedback loop while you work: lint, types, then unit and integration
// tests on the embedded database, whatever DATABASE_URL and REDIS_URL say, without the slow tier
// (*.slow.test.ts: servers and scripts in processes of their own). npm test runs all of this,
// the slow tier and the e2e suite.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
delete env.DATABASE_URL;
delete env.REDIS_URL;
env.VOLTASIS_SLOW_TESTS = "skip";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
for (const args of [
  ["biome", "check", "."],
  ["tsc", "--noEmit"],
  ["vitest", "run"],
]) {
  console.log(`\n> ${args.join(" ")}`);
  const { status } = spawnSync(npx, args, { stdio: "inherit", env });
  if (status !== 0) process.exit(status ?? 1);
}
