import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/v1/health/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { setLogDestinationForTests, setLogLevel } from "@/lib/logger";
import { startTracing } from "@/server/start-tracing.mjs";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { type OtlpReceiver, startOtlpReceiver } from "@/tests/helpers/otlp-receiver";

// The SDK as server.mjs starts it, in this process, exporting OTLP/JSON to a receiver on
// 127.0.0.1; route handlers called directly (no HTTP server: the wrapper opens the request's
// span itself, continuing the caller's traceparent). tracing.slow.test.ts covers the production
// server, its http instrumentation and Next's spans.
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN}-01`;

let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines = [];
  setLogLevel("info");
  setLogDestinationForTests({ write: (line: string) => lines.push(JSON.parse(line)) });
});

afterEach(() => {
  setLogDestinationForTests(undefined);
  setLogLevel("warn");
});

const requestLine = (requestId: string | null) =>
  lines.find((line) => line.msg === "request" && line.request_id === requestId);

describe("tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)", () => {
  it("answers without traceparent and logs trace_id null", async () => {
    expect(await startTracing()).toBeUndefined();
    const res = await invoke(healthRoute.GET, {
      path: "/health",
      headers: { traceparent: TRACEPARENT },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("traceparent")).toBeNull();
    expect(requestLine(res.headers.get("x-request-id"))).toMatchObject({ trace_id: null });
  });
});

describe("tracing on", () => {
  let receiver: OtlpReceiver;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = "http/json";
    stop = await startTracing();
  });

  afterAll(async () => {
    await stop?.();
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_PROTOCOL;
    await receiver.close();
  });

  it("continues the caller's trace through verification, rate limit, handler and queries", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await invoke(usersRoute.GET, {
      path: "/users",
      token: secret,
      headers: { traceparent: TRACEPARENT },
    });
    expect(res.status).toBe(200);

    // The answer's trace context: the same trace, the request's own span.
    const answered = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(
      res.headers.get("traceparent") ?? "",
    );
    expect(answered?.[1]).toBe(TRACE_ID);
    expect(requestLine(res.headers.get("x-request-id"))).toMatchObject({ trace_id: TRACE_ID });

    await stop?.(); // flushes the batch
    const spans = receiver.spans.filter((span) => span.traceId === TRACE_ID);
    const named = (name: string) => spans.filter((span) => span.name === name);
    const [request] = named("GET /api/v1/users");
    expect(request).toMatchObject({
      parentSpanId: CALLER_SPAN,
      spanId: answered?.[2],
      service: "voltasis",
      attributes: { "http.route": "/api/v1/users", "http.response.status_code": 200 },
    });
    const [verify] = named("auth.verify");
    expect(verify).toMatchObject({
      parentSpanId: request?.spanId,
      attributes: { "voltasis.credential.type": "api_key" },
    });
    expect(named("rate_limit")).toContainEqual(
      expect.objectContaining({
        parentSpanId: request?.spanId,
        attributes: expect.objectContaining({
          "voltasis.rate_limit.kind": "token",
          "voltasis.rate_limit.allowed": true,
        }),
      }),
    );
    const [handler] = named("handler");
    expect(handler).toMatchObject({
      parentSpanId: request?.spanId,
      attributes: { "voltasis.route": "/users" },
    });
    // Queries: the key's lookup under verification, the listing under the handler.
    const queries = spans.filter((span) => span.attributes["db.system"] === "postgresql");
    expect(queries.map((span) => span.parentSpanId)).toEqual(
      expect.arrayContaining([verify?.spanId, handler?.spanId]),
    );
    expect(queries.find((span) => span.parentSpanId === verify?.spanId)).toMatchObject({
      name: "SELECT api_keys",
      attributes: { "db.operation.name": "SELECT", "db.collection.name": "api_keys" },
    });
    // The secret, or any part of it, appears nowhere in what was exported.
    const exported = receiver.exports.map((e) => e.body.toString("utf8")).join("\n");
    expect(exported).toContain(TRACE_ID);
    expect(exported).not.toContain(secret);
    expect(exported).not.toContain(secret.slice(-24));
  });
});
