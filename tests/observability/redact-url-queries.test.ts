import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { RedactUrlQueries } from "@/server/redact-url-queries.mjs";

// A provider of its own (never registered globally): the processor as the SDK runs it.
function record(attributes: Record<string, string>) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new RedactUrlQueries(), new SimpleSpanProcessor({ exporter })],
  });
  provider.getTracer("test").startSpan("GET", { attributes }).end();
  return exporter.getFinishedSpans()[0]?.attributes;
}

describe("query strings in spans", () => {
  it("keep their names and lose their values, in every URL attribute", () => {
    expect(
      record({
        "http.target": "/setup?token=s3cret&step=2",
        "http.url": "https://voltasis.test/reset-password?token=s3cret",
        "url.full": "https://voltasis.test/verify?token=s3cret&token=again",
        "url.query": "code=s3cret",
        "url.path": "/setup",
      }),
    ).toEqual({
      "http.target": "/setup?token=REDACTED&step=REDACTED",
      "http.url": "https://voltasis.test/reset-password?token=REDACTED",
      "url.full": "https://voltasis.test/verify?token=REDACTED",
      "url.query": "code=REDACTED",
      "url.path": "/setup",
    });
  });

  it("leave URLs without a query as they are", () => {
    expect(record({ "http.target": "/api/v1/users" })).toEqual({ "http.target": "/api/v1/users" });
  });
});
