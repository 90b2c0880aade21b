import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OtlpReceiver, startOtlpReceiver } from "@/tests/helpers/otlp-receiver";
import { ROOT, type SpawnedServer, spawnServer } from "@/tests/support/server-harness";

// The production server (`node server.mjs`, the build in NEXT_DIST_DIR) with
// OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP/HTTP receiver in this process, in the default
// protocol (protobuf): the http instrumentation, Next's spans and ours, in one trace that
// continues the caller's traceparent. SIGTERM flushes what is batched before the checks.
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const TRACE_ID = randomBytes(16).toString("hex");
const TRACEPARENT = `00-${TRACE_ID}-${randomBytes(8).toString("hex")}-01`;
const QUERY_SECRET = `q${randomBytes(12).toString("hex")}`;

let receiver: OtlpReceiver;
let server: SpawnedServer;
let dataDir: string | undefined;
const lines: Record<string, unknown>[] = [];
let token = "";
let answer: Response;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  receiver = await startOtlpReceiver();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    LOG_LEVEL: "info",
  };
  if (!process.env.DATABASE_URL) {
    // PostgreSQL: this file's own database, with the demo data. Embedded: a folder seeded here.
    dataDir = mkdtempSync(path.join(tmpdir(), "voltasis-tracing-"));
    env.PGLITE_DIR = path.join(dataDir, "pglite");
    execFileSync("npm", ["run", "--silent", "db:seed"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  server = await spawnServer({ env, stdio: ["ignore", "pipe", "inherit"] });
  let pending = "";
  server.child.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const line of complete) if (line.startsWith("{")) lines.push(JSON.parse(line));
  });

  const login = await fetch(`${server.base}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@acme.test", password: "voltasis-demo" }),
  });
  token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
  answer = await fetch(`${server.base}/api/v1/users`, {
    headers: { authorization: `Bearer ${token}`, traceparent: TRACEPARENT },
  });
  await answer.arrayBuffer();
  await (await fetch(`${server.base}/api/v1/health?probe=${QUERY_SECRET}`)).arrayBuffer();
  expect(await server.stop()).toBe(0);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("traces from the production server", () => {
  it("answer with the caller's trace and log its id", () => {
    expect(answer.status).toBe(200);
    expect(answer.headers.get("traceparent")).toMatch(
      new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`),
    );
    const requestId = answer.headers.get("x-request-id");
    expect(lines.find((line) => line.request_id === requestId)).toMatchObject({
      msg: "request",
      trace_id: TRACE_ID,
      route: "/users",
    });
  });

  it("arrive over OTLP/protobuf: the http server span, ours and the queries, in one trace", () => {
    expect(receiver.exports[0]?.contentType).toBe("application/x-protobuf");
    const spans = receiver.spans.filter((span) => span.traceId === TRACE_ID);
    const names = spans.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(["auth.verify", "rate_limit", "handler"]));
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    // The instrumentation's server span (kind 2) is the root of the request here, a child of
    // the caller's span.
    const httpServer = spans.find(
      (span) => span.kind === 2 && span.attributes["http.request.method"] === "GET",
    );
    expect(httpServer?.parentSpanId).toBe(TRACEPARENT.split("-")[2]);
    const ancestors = (id: string | undefined): string[] => {
      const span = id ? byId.get(id) : undefined;
      return span ? [span.name, ...ancestors(span.parentSpanId)] : [];
    };
    const handler = spans.find((span) => span.name === "handler");
    expect(ancestors(handler?.spanId)).toContain(httpServer?.name);
    const query = spans.find((span) => span.attributes["db.system"] === "postgresql");
    expect(query?.name).toMatch(/^SELECT \w+/);
    expect(query?.service).toBe("voltasis");
  });

  it("carry neither the token nor a query string's values", () => {
    const exported = Buffer.concat(receiver.exports.map((e) => e.body)).toString("latin1");
    expect(exported).not.toContain(token);
    expect(exported).not.toContain(token.slice(-24));
    expect(exported).not.toContain(QUERY_SECRET);
    expect(exported).toContain("probe=REDACTED");
  });
});
