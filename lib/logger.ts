import { createRequire } from "node:module";
import path from "node:path";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { env } from "@/lib/env";

/**
 * Wherever a secret can sit in what we log: the field names pino blanks before a line is
 * written. By configuration, not by the care of each call site: a request's headers, a body or
 * an error's context logged whole still says "[redacted]" where the credential was.
 */
const SECRET_FIELDS = [
  "authorization",
  "cookie",
  "cookies",
  "set-cookie",
  "password",
  "new_password",
  "current_password",
  "passwordHash",
  "password_hash",
  "secret",
  "client_secret",
  "signing_secret",
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "key",
  "api_key",
  "x-api-key",
];
// Where those fields can sit in a line: at its top, or inside the objects a line may carry
// (headers, a body or input, an error and its details). Named paths, not wildcards: pino's
// `*.*.field` paths cost ~130 us a line, named ones ~10 us, and every request writes a line.
const CONTAINERS = [
  "headers",
  "req.headers",
  "request.headers",
  "body",
  "input",
  "err",
  "error",
  "details",
  "context",
  "report",
];
export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => {
  const name = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const nested = name.startsWith("[") ? name : `.${name}`;
  return [name, ...CONTAINERS.map((container) => `${container}${nested}`)];
});

const LEVELS: readonly string[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

interface LoggerState {
  root: Logger;
  /** Where lines go: stdout, or (tests) a stream that captures them. */
  sink: { target: DestinationStream };
  components: Map<string, Logger>;
}

const store = globalThis as unknown as { __voltasisLogger?: LoggerState };

/**
 * The process's logger: JSON lines on stdout, one object and one write each. On globalThis, so
 * every bundle Next loads and every dev reload writes through the same one.
 */
export function logger(): Logger {
  return loggerState().root;
}

/** A child that stamps `component` on each line (webhooks, email, usage…), made once per name. */
export function componentLogger(component: string): Logger {
  const state = loggerState();
  let child = state.components.get(component);
  if (!child) {
    child = state.root.child({ component });
    state.components.set(component, child);
  }
  return child;
}

/** Changes the level of the logger and of every component's (tests; an operator's LOG_LEVEL). */
export function setLogLevel(level: Level | "silent"): void {
  const state = loggerState();
  state.root.level = level;
  for (const child of state.components.values()) child.level = level;
}

/** Tests: lines go to `stream` instead of stdout until called again without one. */
export function setLogDestinationForTests(stream: DestinationStream | undefined): void {
  loggerState().sink.target = stream ?? defaultDestination();
}

function loggerState(): LoggerState {
  if (!store.__voltasisLogger) {
    const sink = { target: defaultDestination() };
    const root = pino(
      {
        level: configuredLevel(),
        base: { pid: process.pid },
        // Seconds-precision strings read better than epoch numbers and cost one toISOString.
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      },
      // A fixed stream that forwards to the current target: children made before a test
      // redirects the output follow it too.
      { write: (line: string) => sink.target.write(line) },
    );
    store.__voltasisLogger = { root, sink, components: new Map() };
  }
  return store.__voltasisLogger;
}

function configuredLevel(): Level | "silent" {
  let level: string | undefined;
  try {
    level = env().LOG_LEVEL;
  } catch {
    // An invalid environment is itself worth logging: fall back rather than fail to start.
    level = process.env.LOG_LEVEL;
  }
  if (level && LEVELS.includes(level)) return level as Level | "silent";
  // Test runs make thousands of requests: their output shows warnings and errors only.
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

/**
 * stdout, synchronously (a line is never lost on exit), or in `npm run dev`, pino-pretty in a
 * worker thread when it is installed (a dev dependency: never in the production image).
 */
function defaultDestination(): DestinationStream {
  if (process.env.NODE_ENV === "development") {
    try {
      createRequire(path.join(process.cwd(), "package.json")).resolve("pino-pretty");
      return pino.transport({ target: "pino-pretty", options: { colorize: true } });
    } catch {
      // Not installed: JSON lines, as in production.
    }
  }
  // Under vitest, through process.stdout so the runner (and a test's spy) sees each line.
  if (process.env.NODE_ENV === "test") return process.stdout;
  return pino.destination({ fd: 1, sync: true });
}
