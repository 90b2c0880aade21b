import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PLANS } from "./plans";

// Every environment variable the app reads is declared and validated here, once.
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url().optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  REDIS_URL: z.url().optional(),
  // Namespace of the rate-limit counters in Redis; instances sharing a budget share the prefix.
  RATE_LIMIT_PREFIX: z.string().min(1).max(100).optional(),
  // The highest rate_limit_per_minute a key may be given (the default per key stays 1,000).
  RATE_LIMIT_KEY_MAX: z.coerce
    .number()
    .int("RATE_LIMIT_KEY_MAX must be a whole number")
    .min(1000, "RATE_LIMIT_KEY_MAX must be at least the default of 1000")
    .max(1_000_000)
    .default(10_000),
  AUTH_SECRET: z.string().min(32).optional(),
  VOLTASIS_ENV: z.enum(["live", "test"]).default("test"),
  // How many proxies of ours append to X-Forwarded-For: its Nth entry from the right is the
  // client. "true" means 1; unset, "0" or "false" means the socket address is the client.
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, "TRUST_PROXY must be a number of proxies, true or false")
    .optional()
    .transform((v) => (v === "true" ? 1 : v === undefined || v === "false" ? 0 : Number(v))),
  // How long audit entries are kept; the maintenance job deletes older ones.
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: "AUDIT_RETENTION_DAYS must be a number of days" })
    .int("AUDIT_RETENTION_DAYS must be a whole number of days")
    .min(1, "AUDIT_RETENTION_DAYS must be at least 1")
    .max(36_500, "AUDIT_RETENTION_DAYS must be at most 36500 (100 years)")
    .default(365),
  // How long the request log keeps each request; 0 turns the log off. Retention drops whole
  // day partitions, so a request stays up to a day longer.
  REQUEST_LOG_RETENTION_DAYS: z.coerce
    .number({ error: "REQUEST_LOG_RETENTION_DAYS must be a number of days" })
    .int("REQUEST_LOG_RETENTION_DAYS must be a whole number of days")
    .min(0, "REQUEST_LOG_RETENTION_DAYS must be 0 (off) or more")
    .max(3_650, "REQUEST_LOG_RETENTION_DAYS must be at most 3650 (10 years)")
    .default(30),
  // The plan of every organization created from now on (lib/plans.ts): everything by default,
  // so that a self-hosted install has every feature; existing organizations keep theirs.
  DEFAULT_PLAN: z
    .enum(PLANS, { error: `DEFAULT_PLAN must be one of ${PLANS.join(", ")}` })
    .default("enterprise"),
  // How many organizations one account may create (POST /organizations, the dashboard's form);
  // platform admins are exempt. Stops one account from filling the database with organizations.
  MAX_ORGANIZATIONS_PER_USER: z.coerce
    .number({ error: "MAX_ORGANIZATIONS_PER_USER must be a number" })
    .int("MAX_ORGANIZATIONS_PER_USER must be a whole number")
    .min(1, "MAX_ORGANIZATIONS_PER_USER must be at least 1")
    .max(10_000, "MAX_ORGANIZATIONS_PER_USER must be at most 10000")
    .default(10),
  // Base of every public link (OpenAPI servers, curl examples, invitations): never request headers.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
    .refine((v) => isBareOrigin(v), "must be an origin only, without path, query or credentials")
    .transform((v) => new URL(v).origin)
    .optional(),
  // Outgoing mail (password reset, verification). Both set: sent through this SMTP server, e.g.
  // smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. Unset: each message is
  // logged (subject, recipient, links) and written as an .eml file to EMAIL_OUTBOX_DIR.
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  EMAIL_FROM: z
    .string()
    .max(320)
    .regex(
      /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'must be an address or "Name <address>"',
    )
    .optional(),
  EMAIL_OUTBOX_DIR: z.string().min(1).default(".data/outbox"),
  // Webhook destinations that resolve to loopback, private, link-local or metadata addresses are
  // refused (SSRF); "1" allows them, for development and tests only.
  WEBHOOKS_ALLOW_PRIVATE: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).default("0"),
  // How much the server logs (JSON lines on stdout): info by default, warn under tests.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  // Prometheus metrics at http://METRICS_HOST:METRICS_PORT/metrics, a server of their own;
  // unset: no metrics server. Loopback unless METRICS_HOST says otherwise (0.0.0.0 in a container
  // scraped from outside it).
  METRICS_PORT: z.coerce
    .number({ error: "METRICS_PORT must be a port number" })
    .int("METRICS_PORT must be a whole number")
    .min(0, "METRICS_PORT must be between 0 and 65535")
    .max(65_535, "METRICS_PORT must be between 0 and 65535")
    .optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  // OpenTelemetry traces (docs/tracing.md), sent over OTLP when the endpoint is set; off
  // otherwise. server/start-tracing.mjs starts the SDK, which reads these (and its other OTEL_*
  // variables) itself; declared here so that a wrong value stops the start with its name.
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
    .optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(["http/protobuf", "http/json", "grpc"]).optional(),
  // Sent with every export, e.g. a vendor's API key: "name=value,name2=value2".
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("voltasis"),
  OTEL_TRACES_SAMPLER: z
    .enum([
      "always_on",
      "always_off",
      "traceidratio",
      "parentbased_always_on",
      "parentbased_always_off",
      "parentbased_traceidratio",
    ])
    .optional(),
  // The ratio of the traceidratio samplers, 0 to 1.
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ error: "OTEL_TRACES_SAMPLER_ARG must be a number between 0 and 1" })
    .min(0, "OTEL_TRACES_SAMPLER_ARG must be between 0 and 1")
    .max(1, "OTEL_TRACES_SAMPLER_ARG must be between 0 and 1")
    .optional(),
  // Where GitHub publishes the keys it signs secret scanning reports with (fetched hourly).
  GITHUB_SECRET_SCANNING_KEYS_URL: z
    .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
    .default("https://api.github.com/meta/public_keys/secret_scanning"),
});

function isBareOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
}

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema
      .refine((e) => !e.SMTP_URL || e.EMAIL_FROM, {
        path: ["EMAIL_FROM"],
        message: "is required with SMTP_URL (the sender of every message)",
      })
      .safeParse(emptyToUndefined(process.env));
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment configuration:\n  ${fields.join("\n  ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change process.env between files; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(source)) out[k] = v === "" ? undefined : v;
  return out;
}

/**
 * The Auth.js secret. Without AUTH_SECRET we make one on first start and keep it in .data/, so a
 * fresh clone needs no .env and sessions survive restarts. The file is readable by its owner only.
 */
export function authSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
  } catch {
    // Another process wrote it first: use theirs.
    return readFileSync(file, "utf8").trim();
  }
  chmodSync(file, 0o600);
  return secret;
}
