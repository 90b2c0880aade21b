import type { Span, SpanProcessor } from "@opentelemetry/sdk-trace";

export class RedactUrlQueries implements SpanProcessor {
  onStart(span: Span): void;
  onEnd(): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function redacted(query: string): string;
