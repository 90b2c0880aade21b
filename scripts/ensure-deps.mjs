// Installs dependencies only when they are missing or older than the lockfile, so `npm test` is
// one command on a fresh clone without re-running an install after CI's `npm ci`.
// Plain Node with no imports beyond node:, because it runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const installed = "node_modules/.package-lock.json"; // npm writes it after every install
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

let args;
if (!existsSync("node_modules")) {
  // Fresh clone: the exact tree from the lockfile.
  args = ["ci", "--no-audit", "--no-fund"];
} else if (mtime(installed) < Math.max(mtime("package-lock.json"), mtime("package.json"))) {
  // A working tree whose lockfile moved: update in place rather than wipe node_modules.
  args = ["install", "--no-audit", "--no-fund"];
}

if (args) {
  console.log(`ensure-deps: npm ${args.join(" ")}`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, args, { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
console.log("ensure-deps: node_modules is up to date");
