import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeTraces } from "./otlp-protobuf";

/** A span as OTLP/JSON carries it, its attributes flattened to plain values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  service: unknown;
}

export interface OtlpReceiver {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT: the exporters post to `${endpoint}/v1/traces`. */
  endpoint: string;
  /** Spans decoded from the exports, OTLP/JSON or OTLP/protobuf. */
  spans: ReceivedSpan[];
  /** Every export's raw body and content type. */
  exports: { contentType: string; body: Buffer }[];
  /** Resolves once `ready` holds, checked on each export; rejects after `ms`. */
  until: (ready: () => boolean, ms?: number) => Promise<void>;
  close: () => Promise<void>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};
type KeyValue = { key: string; value: AnyValue };
type JsonExport = {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      spans?: (Omit<ReceivedSpan, "attributes" | "service"> & { attributes?: KeyValue[] })[];
    }[];
  }[];
};

function plain(attributes: KeyValue[] = []): Record<string, unknown> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ?? value.boolValue ?? value.doubleValue ?? value.intValue,
    ]),
  );
}

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 (a port of the system's choosing), in the test's own
 * process: accepts POST /v1/traces in JSON or protobuf and answers 200, as a collector does.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const exports: OtlpReceiver["exports"] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      const contentType = req.headers["content-type"] ?? "";
      const body = Buffer.concat(chunks);
      exports.push({ contentType, body });
      if (contentType.startsWith("application/json")) {
        const data = JSON.parse(body.toString("utf8")) as JsonExport;
        for (const resource of data.resourceSpans ?? []) {
          const service = plain(resource.resource?.attributes)["service.name"];
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ ...span, attributes: plain(span.attributes), service });
            }
          }
        }
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      } else {
        spans.push(...decodeTraces(body));
        res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
      }
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    exports,
    until: (ready, ms = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!ready()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no such export within ${ms} ms (${exports.length} received)`));
        }, ms);
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
