// Makes sure the e2e tests have a Chromium, so `npm test` needs nothing beyond itself on a fresh
// machine: one already installed (CHROMIUM_PATH, Debian's /usr/bin/chromium or Playwright's
// own), else Playwright's download where the network allows it, else Debian's package when we
// are root with apt. Only when all of that fails does it stop, with one line saying what to do.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

async function playwrightChromium() {
  try {
    const { chromium } = await import("@playwright/test");
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function found() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return true;
  return existsSync(DEBIAN_CHROMIUM) || Boolean(await playwrightChromium());
}

function run(command, args, timeoutMs) {
  console.log(`ensure-browser: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", timeout: timeoutMs });
  return result.status === 0;
}

// Another package manager (unattended-upgrades, a second checkout's CI) may hold the dpkg lock:
// apt-get waits for it this long rather than failing at once (issue 17, item 13).
const APT_LOCK_TIMEOUT_SECONDS = 300;
let toldAboutLock = false;

function apt(args, timeoutMs) {
  if (!toldAboutLock) {
    console.log(
      `ensure-browser: apt-get may wait up to ${APT_LOCK_TIMEOUT_SECONDS / 60} minutes for another package manager to release the package lock`,
    );
    toldAboutLock = true;
  }
  const lockTimeout = ["-o", `DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT_SECONDS}`];
  return run("apt-get", [...lockTimeout, ...args], timeoutMs + APT_LOCK_TIMEOUT_SECONDS * 1000);
}

const isRoot = process.getuid?.() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
const aptInstall = ["install", "-y", "-q", "--no-install-recommends", "chromium"];
process.env.DEBIAN_FRONTEND = "noninteractive";

if (await found()) {
  console.log("ensure-browser: Chromium is installed");
  process.exit(0);
}
if (run("npx", ["playwright", "install", "chromium"], 180_000) && (await found())) process.exit(0);
if (isRoot && hasApt) {
  // A fresh machine's package lists may be stale or empty: refresh once if the first try fails.
  if (!apt(aptInstall, 600_000)) {
    apt(["update", "-q"], 300_000);
    apt(aptInstall, 600_000);
  }
  if (await found()) process.exit(0);
}
console.error(
  "ensure-browser: no Chromium for the e2e tests; install one: sudo apt-get install -y chromium (Debian/Ubuntu) or npx playwright install chromium",
);
process.exit(1);
