// Makes sure the e2e tests have a Chromium, so `npm test` needs nothing beyond itself on a fresh
// machine: one already installed (CHROMIUM_PATH, Debian's headless shell or full Chromium, or
// Playwright's own), else Playwright's download where the network allows it, else Debian's
// package when we are root with apt. Only when all of that fails does it stop, with one line
// saying what to do. Root on Debian also gets the headless shell beside a full Chromium: the suite
// runs a fifth faster on it (playwright.config.ts prefers it).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const DEBIAN_HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";

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
  return (
    existsSync(DEBIAN_HEADLESS_SHELL) ||
    existsSync(DEBIAN_CHROMIUM) ||
    Boolean(await playwrightChromium())
  );
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
const aptInstall = (pkg) => ["install", "-y", "-q", "--no-install-recommends", pkg];
process.env.DEBIAN_FRONTEND = "noninteractive";

// A full Chromium is enough, but where we may, add the lighter headless shell once.
if (!process.env.CHROMIUM_PATH && !existsSync(DEBIAN_HEADLESS_SHELL) && isRoot && hasApt) {
  apt(aptInstall("chromium-headless-shell"), 600_000);
}
if (await found()) {
  console.log("ensure-browser: Chromium is installed");
  process.exit(0);
}
if (run("npx", ["playwright", "install", "chromium"], 180_000) && (await found())) process.exit(0);
if (isRoot && hasApt) {
  // A fresh machine's package lists may be stale or empty: refresh once if the first try fails.
  // An older release without the headless shell gets the full browser.
  if (!apt(aptInstall("chromium-headless-shell"), 600_000)) {
    apt(["update", "-q"], 300_000);
    if (!apt(aptInstall("chromium-headless-shell"), 600_000)) apt(aptInstall("chromium"), 600_000);
  }
  if (await found()) process.exit(0);
}
console.error(
  "ensure-browser: no Chromium for the e2e tests; install one: sudo apt-get install -y chromium (Debian/Ubuntu) or npx playwright install chromium",
);
process.exit(1);
