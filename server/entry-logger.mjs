// The log of the plain-JavaScript entry points (server.mjs, graceful-shutdown.mjs), which run
// outside the Next bundle: the same JSON lines as logger.ts's (level label, ISO time, pid,
// component), on stdout. Their few messages carry no request data, so no redaction list here.
import { createRequire } from "node:module";
import path from "node:path";
import pino from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** @param {string} component */
export function entryLogger(component) {
  const level = LEVELS.includes(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL : "info";
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination(),
  ).child({ component });
}

function destination() {
  if (process.argv.includes("--dev")) {
    try {
      createRequire(path.join(process.cwd(), "package.json")).resolve("pino-pretty");
      return pino.transport({ target: "pino-pretty", options: { colorize: true } });
    } catch {
      // Not installed: JSON lines.
    }
  }
  return pino.destination({ fd: 1, sync: true });
}
