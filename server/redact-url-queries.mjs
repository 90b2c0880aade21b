// Query strings can carry secrets (the one-time /setup?token=…, reset and verification links),
// and spans leave the process: every value in a span's URL attributes is replaced before the
// span is recorded, whoever made it (the http instrumentation, Next's own spans). Plain
// JavaScript, like start-tracing.mjs which adds it to the SDK.

const WITH_QUERY = ["url.full", "http.url", "http.target"];
const QUERY_ONLY = ["url.query"];

/** A span processor that redacts query values at span start, where URL attributes are set. */
export class RedactUrlQueries {
  /** @param {import("@opentelemetry/sdk-trace").Span} span */
  onStart(span) {
    const attributes = span.attributes;
    for (const key of WITH_QUERY) {
      const value = attributes[key];
      if (typeof value !== "string") continue;
      const at = value.indexOf("?");
      if (at >= 0) span.setAttribute(key, value.slice(0, at + 1) + redacted(value.slice(at + 1)));
    }
    for (const key of QUERY_ONLY) {
      const value = attributes[key];
      if (typeof value === "string") span.setAttribute(key, redacted(value));
    }
  }

  onEnd() {}

  forceFlush() {
    return Promise.resolve();
  }

  shutdown() {
    return Promise.resolve();
  }
}

/** `token=abc&page=2` -> `token=REDACTED&page=REDACTED`: the names stay, to read the URL by. */
export function redacted(query) {
  const params = new URLSearchParams(query);
  for (const name of new Set(params.keys())) params.set(name, "REDACTED");
  return params.toString();
}
