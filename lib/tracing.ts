import {
  type Attributes,
  context,
  isSpanContextValid,
  type SpanOptions,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

// Set by server/start-tracing.mjs once the SDK runs (OTEL_EXPORTER_OTLP_ENDPOINT is set). On
// globalThis: every bundle Next loads reads the one flag.
const state = globalThis as unknown as { __voltasisTracing?: boolean };

/** True while OpenTelemetry traces are exported; off, every helper here is one check and a call. */
export function tracingOn(): boolean {
  return state.__voltasisTracing === true;
}

/**
 * Runs `fn` in a span of its own, a child of the active one. `describe` adds attributes from the
 * result. A failure marks the span as an error with its type (an ApiError's code) only: error
 * messages may quote input, and spans leave the process.
 */
export function inSpan<T>(
  name: string,
  fn: () => Promise<T>,
  options?: { attributes?: Attributes; describe?: (result: T) => Attributes } & SpanOptions,
): Promise<T> {
  if (!tracingOn()) return fn();
  return trace.getTracer("voltasis").startActiveSpan(name, options ?? {}, async (span) => {
    try {
      const result = await fn();
      if (options?.describe) span.setAttributes(options.describe(result));
      return result;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute("error.type", errorType(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "unknown";
}

/** The active span's context when it is a real one (tracing on, inside a request). */
function activeSpanContext() {
  if (!tracingOn()) return undefined;
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The W3C trace id of the work in progress, for the log line; null when tracing is off. */
export function activeTraceId(): string | null {
  return activeSpanContext()?.traceId ?? null;
}

/** The active span as a W3C `traceparent` value, for an answer's header; undefined when off. */
export function activeTraceparent(): string | undefined {
  const spanContext = activeSpanContext();
  if (!spanContext) return undefined;
  const sampled = (spanContext.traceFlags & 1) === 1 ? "01" : "00";
  return `00-${spanContext.traceId}-${spanContext.spanId}-${sampled}`;
}
