import type { z } from "zod";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { componentLogger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { activeTraceId, activeTraceparent } from "@/lib/tracing";
import { assertAllowedAddress } from "@/server/api-keys/allowed-ips";
import {
  type AuthContext,
  auditOverride,
  type Credential,
  type PublicContext,
  resolveAuthContext,
} from "@/server/auth/auth-context";
import { CredentialRefused, type KnownCredential, unauthorized } from "@/server/auth/refusals";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { clientIp } from "@/server/core/client-ip";
import type { Operation, Parsed } from "@/server/core/operation";
import { toApiError } from "@/server/core/to-api-error";
import { parseOrThrow } from "@/server/core/validation";
import { sessionCredential } from "@/server/http/session-credential";
import { blockedAddress, rateLimitHeaders } from "@/server/rate-limit/consume";
import type { RateLimitDecision } from "@/server/rate-limit/rate-limiter";
import { recordRequest } from "@/server/request-logs/record-request";
import { verifyBearer } from "@/server/tokens/verify-bearer";
import { recordUsage } from "@/server/usage/usage-recorder";
import { readBody } from "./read-body";
import { handlerSpan, rateLimitSpan, tracedRequest, verifySpan } from "./request-tracing";
import { errorResponse } from "./responses";
import { securityHeaders } from "./security-headers";
import { TOKEN_EXPIRATION_HEADER, tokenExpirationValue } from "./token-expiration";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (req: Request, routeContext: RouteContext) => Promise<Response>;

type Slot = z.ZodType | undefined;

interface Input<B extends Slot, Q extends Slot, P extends Slot> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

type HandlerArgs<B extends Slot, Q extends Slot, P extends Slot, C> = Input<B, Q, P> & {
  req: Request;
  ctx: C;
};

/**
 * Every authenticated /api/v1 route goes through here, in this order: credential (Bearer or
 * same-origin session) -> format and checksum -> cached lookup -> expiry and revocation -> the
 * key's IP allowlist -> organization and X-Organization-ID -> rate limit (the key's own limit)
 * -> scope -> override audit -> body -> handler -> usage.
 * Its catch is the only place where errors become responses.
 */
export function withApi<B extends Slot, Q extends Slot, P extends Slot>(
  operation: Operation<B, Q, P>,
  handler: (args: HandlerArgs<B, Q, P, AuthContext>) => Promise<Response>,
): RouteHandler {
  return tracedRequest(operation.path, async (req, routeContext) => {
    const started = performance.now();
    const meta = { requestId: newId("req"), ip: clientIp(req.headers) };
    let limit: RateLimitDecision | undefined;
    let ctx: AuthContext | undefined;
    // A key presented from outside its allowlist: counted in its usage as a 403, not as a use.
    let refusedKey: Credential | undefined;
    // Whose request this is, accepted or not (a revoked key too): the request log files it there.
    let known: KnownCredential | undefined;
    let failure: ApiError | undefined;
    let response: Response;
    try {
      const blocked = blockedAddress(meta.ip);
      try {
        const cachedOnly = blocked !== undefined;
        const credential = await verifySpan(() => presentedCredential(req, { cachedOnly }));
        known = credential;
        // Checked on every request, the cached credential too; before any organization work.
        try {
          assertAllowedAddress(credential, meta.ip);
        } catch (error) {
          refusedKey = credential;
          throw error;
        }
        ctx = await resolveAuthContext(credential, requestedOrganization(req), meta);
        metrics().authOutcomes.inc({ outcome: "accepted", reason: "none" });
      } catch (error) {
        if (error instanceof CredentialRefused) known = error.credential;
        metrics().authOutcomes.inc({ outcome: "refused", reason: refusalReason(error) });
        // Failed attempts (and keys used from a refused address) are charged to the client
        // address, never to the key they name.
        if (blocked) metrics().rateLimitDecisions.inc({ kind: "ip", decision: "blocked" });
        limit = blocked ?? (await rateLimitSpan({ kind: "ip", key: meta.ip }));
        if (!limit.allowed) throw new ApiError("RATE_LIMITED");
        throw error;
      }
      limit = await rateLimitSpan({
        kind: "token",
        key: ctx.credential.id,
        limit: ctx.credential.rateLimitPerMinute ?? undefined,
      });
      if (!limit.allowed) throw new ApiError("RATE_LIMITED");
      // The verb checks it again (requireScope); here it is answered before the body is read.
      const { scope } = operation;
      if (scope !== "authenticated" && scope !== "public") requireScope(ctx, scope);
      // Written only for requests that passed every check, so refusals never grow the log.
      await auditOverride(ctx);
      const input = await parseInput(operation, req, routeContext, { alwaysReadBody: true });
      const args = { req, ctx, ...input };
      response = await handlerSpan(operation.path, () => handler(args));
    } catch (error) {
      failure = toApiError(error, meta.requestId);
      response = errorResponse(failure, meta.requestId);
    }
    finish(req, response, meta.requestId, limit);
    // Once the credential is known good, its holder learns when it stops working, on every answer.
    const expiresAt = ctx?.credential.expiresAt;
    if (expiresAt) response.headers.set(TOKEN_EXPIRATION_HEADER, tokenExpirationValue(expiresAt));
    const used = ctx?.credential ?? refusedKey;
    const latencyMs = performance.now() - started;
    const at = now();
    if (used && used.type !== "session") {
      recordUsage({
        tokenId: used.id,
        // Usage belongs to the token's own organization (where its key page shows it), also
        // when X-Organization-ID moved this request elsewhere.
        organizationId: used.organizationId,
        route: operation.path,
        method: req.method,
        status: response.status,
        latencyMs,
        at,
        ip: meta.ip,
        // Refused for its address: the key did not act, so last_used_at stays as it was.
        refused: used === refusedKey,
      });
    }
    logRequest(req, response, started, meta, operation.path, used, ctx?.organization.id);
    // Browser sessions are the dashboard's own calls: the log is of what credentials did.
    if (known && known.type !== "session") {
      recordRequest({
        requestId: meta.requestId,
        at,
        credential: known,
        method: req.method,
        route: operation.path,
        path: new URL(req.url).pathname,
        status: response.status,
        errorCode: failure?.code ?? null,
        reason: failure ? refusalReasonOf(failure) : null,
        latencyMs,
        ip: meta.ip,
        userAgent: req.headers.get("user-agent"),
      });
    }
    return response;
  });
}

/** Routes that need no credential (token exchange, health, OpenAPI): rate-limited by address. */
export function withPublicApi<B extends Slot, Q extends Slot, P extends Slot>(
  operation: Operation<B, Q, P>,
  handler: (args: HandlerArgs<B, Q, P, PublicContext>) => Promise<Response>,
): RouteHandler {
  return chargedToAddress(operation.path, async (req, routeContext, ctx) =>
    handler({ req, ctx, ...(await parseInput(operation, req, routeContext)) }),
  );
}

/**
 * A handler charged to the client address, carrying the rate-limit headers like every /api/v1
 * response; its catch turns errors into responses.
 */
function chargedToAddress(
  route: string,
  handler: (req: Request, routeContext: RouteContext, ctx: PublicContext) => Promise<Response>,
): RouteHandler {
  return tracedRequest(route, async (req, routeContext) => {
    const started = performance.now();
    const meta = { requestId: newId("req"), ip: clientIp(req.headers) };
    let limit: RateLimitDecision | undefined;
    let response: Response;
    try {
      limit = await rateLimitSpan({ kind: "ip", key: meta.ip });
      if (!limit.allowed) throw new ApiError("RATE_LIMITED");
      response = await handlerSpan(route, () => handler(req, routeContext, meta));
    } catch (error) {
      response = errorResponse(toApiError(error, meta.requestId), meta.requestId);
    }
    finish(req, response, meta.requestId, limit);
    logRequest(req, response, started, meta, route);
    return response;
  });
}

/** Path parameters, query string and body, each parsed with the operation's schema. */
async function parseInput<B extends Slot, Q extends Slot, P extends Slot>(
  operation: Operation<B, Q, P>,
  req: Request,
  routeContext: RouteContext,
  options: { alwaysReadBody?: boolean } = {},
): Promise<Input<B, Q, P>> {
  const rawParams = await routeContext.params;
  const params = operation.params ? parseOrThrow(operation.params, rawParams) : undefined;
  const query = operation.query
    ? parseOrThrow(operation.query, Object.fromEntries(new URL(req.url).searchParams))
    : undefined;
  // Authenticated operations vet any body (JSON only, so a cross-site form post is refused);
  // public ones read a body only when they declare its schema.
  const body =
    operation.body || options.alwaysReadBody ? await readBody(req, operation.body) : undefined;
  return { params, query, body } as Input<B, Q, P>;
}

/** The verified Bearer credential, or the same-origin browser session; 401 without either. */
async function presentedCredential(
  req: Request,
  options: { cachedOnly: boolean },
): Promise<Credential> {
  const header = req.headers.get("authorization");
  let credential: Credential | null;
  if (header !== null) {
    credential = await verifyBearer(bearerToken(header), options);
  } else {
    credential = await sessionCredential(req);
  }
  if (!credential) throw unauthorized("missing_header");
  return credential;
}

/**
 * The token of an `Authorization: Bearer <token>` header (the scheme in any case), or a 401
 * saying what is wrong with the header, from its text alone.
 */
function bearerToken(header: string): string {
  const value = header.trim();
  if (value === "") throw unauthorized("missing_header");
  const [scheme = "", ...rest] = value.split(/\s+/);
  // A bare token, or another scheme (`Token …`, `Basic …`).
  if (scheme.toLowerCase() !== "bearer") throw unauthorized("missing_bearer_prefix");
  if (rest.length === 0) throw unauthorized("missing_header");
  if (rest.length > 1) {
    throw unauthorized("malformed", "The token contains spaces: remove them and send it again.");
  }
  return rest[0] as string;
}

function requestedOrganization(req: Request): string | null {
  return req.headers.get("x-organization-id")?.trim() || null;
}

function finish(
  req: Request,
  response: Response,
  requestId: string,
  limit: RateLimitDecision | undefined,
) {
  // proxy.ts does not run for /api/v1: every answer sets its own security headers here.
  for (const [name, value] of Object.entries(securityHeaders(req.headers))) {
    response.headers.set(name, value);
  }
  response.headers.set("X-Request-Id", requestId);
  // Tracing on: the answer's trace context (W3C), so that a caller can find the trace.
  const traceparent = activeTraceparent();
  if (traceparent) response.headers.set("traceparent", traceparent);
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  if (limit) {
    for (const [name, value] of Object.entries(rateLimitHeaders(limit))) {
      response.headers.set(name, value);
    }
  }
}

/**
 * For requests no route logic serves (unknown path, method not allowed, OPTIONS): charged to the
 * client address and carrying the rate-limit headers, like every /api/v1 response.
 */
export function withoutRoute(respond: () => Response): RouteHandler {
  // One label for every unmatched path: a scanner's random paths must not become time series.
  return chargedToAddress(UNMATCHED_ROUTE, async () => respond());
}

const UNMATCHED_ROUTE = "(unmatched)";

/**
 * The request's one log line and its duration sample, after the answer is complete. One object,
 * one write: the request id the caller was sent, who asked (never the secret: only its type and
 * id), the route pattern, status and time.
 */
function logRequest(
  req: Request,
  response: Response,
  started: number,
  meta: { requestId: string; ip: string },
  route: string,
  credential?: Credential,
  organizationId?: string,
): void {
  const seconds = (performance.now() - started) / 1000;
  const status = response.status;
  metrics().httpRequestDuration.observe({ route, method: req.method, status }, seconds);
  componentLogger("http").info(
    {
      request_id: meta.requestId,
      trace_id: activeTraceId(),
      method: req.method,
      route,
      status,
      duration_ms: Math.round(seconds * 100_000) / 100,
      ip: meta.ip,
      org_id: organizationId ?? credential?.organizationId ?? null,
      credential_type: credential?.type ?? null,
      credential_id: credential?.id ?? null,
    },
    "request",
  );
}

/** Why a credential was refused, for the auth outcomes metric: the error's reason, or its code. */
function refusalReason(error: unknown): string {
  if (!(error instanceof ApiError)) return "error";
  return refusalReasonOf(error) ?? error.code.toLowerCase();
}

/** An error's `details.reason` (`revoked`, `missing_scope`…), when it names one. */
function refusalReasonOf(error: ApiError): string | null {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === "string" ? reason : null;
}

export function rejectRequest(makeError: () => ApiError): RouteHandler {
  return withoutRoute(() => {
    throw makeError();
  });
}
