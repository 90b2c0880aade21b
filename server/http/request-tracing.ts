import {
  type Attributes,
  context,
  propagation,
  SpanKind,
  type TextMapGetter,
  trace,
} from "@opentelemetry/api";
import { inSpan, tracingOn } from "@/lib/tracing";
import type { Credential } from "@/server/auth/auth-context";
import { consumeRateLimit } from "@/server/rate-limit/consume";
import type { RateLimitDecision, RateLimitSubject } from "@/server/rate-limit/rate-limiter";

type Handler = (req: Request, routeContext: never) => Promise<Response>;

const HEADERS: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * The request's span around an /api/v1 handler wrapper. Under `node server.mjs` the http
 * instrumentation and Next have opened it already (continuing an incoming `traceparent`): the
 * work runs in it as is. Without one (the http instrumentation disabled, a handler called
 * directly) a server span is opened here, continuing the request's `traceparent`. Off: the
 * handler itself.
 */
export function tracedRequest<H extends Handler>(route: string, handler: H): H {
  return ((req, routeContext) => {
    if (!tracingOn() || trace.getSpan(context.active())) return handler(req, routeContext);
    const parent = propagation.extract(context.active(), req.headers, HEADERS);
    return context.with(parent, () =>
      inSpan(`${req.method} /api/v1${route}`, () => handler(req, routeContext), {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": req.method, "http.route": `/api/v1${route}` },
        describe: (response) => ({ "http.response.status_code": response.status }),
      }),
    );
  }) as H;
}

/** auth.verify: credential verification, with who was verified (type and id, never the secret). */
export function verifySpan(verify: () => Promise<Credential>): Promise<Credential> {
  return inSpan("auth.verify", verify, VERIFIED);
}

const VERIFIED = {
  describe: (credential: Credential): Attributes => ({
    "voltasis.credential.type": credential.type,
    "voltasis.credential.id": credential.id,
  }),
};

/** rate_limit: one request counted against a budget (the client address's or the credential's). */
export function rateLimitSpan(subject: RateLimitSubject): Promise<RateLimitDecision> {
  if (!tracingOn()) return consumeRateLimit(subject);
  return inSpan("rate_limit", () => consumeRateLimit(subject), {
    attributes: { "voltasis.rate_limit.kind": subject.kind },
    describe: (decision) => ({
      "voltasis.rate_limit.allowed": decision.allowed,
      "voltasis.rate_limit.remaining": decision.remaining,
    }),
  });
}

/** handler: the route's own work, inside every check. */
export function handlerSpan(route: string, run: () => Promise<Response>): Promise<Response> {
  return tracingOn() ? inSpan("handler", run, { attributes: { "voltasis.route": route } }) : run();
}
