import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { AuthContext, Credential, PublicContext } from "@/server/auth/principal";
import { sessionCredential } from "@/server/auth/session-credential";
import { now } from "@/server/clock";
import { auditOverride, resolveAuthContext } from "@/server/organizations/resolve-context";
import {
  blockedAddress,
  consumeRateLimit,
  type RateLimitDecision,
  rateLimitHeaders,
} from "@/server/rate-limit";
import type { Scope } from "@/server/scopes/catalogue";
import { verifyBearer } from "@/server/tokens/verify-bearer";
import { recordUsage } from "@/server/usage/record-usage";
import { ApiError } from "./api-error";
import { clientIp } from "./client-ip";
import { readBody } from "./read-body";
import { errorResponse } from "./responses";
import { toApiError } from "./to-api-error";

type RouteContext<P> = { params: Promise<P> };
export type RouteHandler<P = Record<string, string>> = (
  req: Request,
  routeContext: RouteContext<P>,
) => Promise<Response>;

interface Options<B> {
  /** The route pattern, e.g. "/api-keys/{id}": names the route in usage and logs. */
  route: string;
  body?: z.ZodType<B>;
}

interface HandlerArgs<P, B, C> {
  req: Request;
  ctx: C;
  params: P;
  body: B;
}

const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/**
 * Every authenticated /api/v1 route goes through here, in this order: credential (Bearer or same-origin session) -> format and
 * checksum -> cached lookup -> expiry and revocation -> organization and X-Organization-ID ->
 * rate limit -> scope -> override audit -> body -> handler -> usage.
 * Its catch is the only place where errors become responses.
 */
export function withApi<P = Record<string, string>, B = undefined>(
  options: Options<B> & { scope?: Scope },
  handler: (args: HandlerArgs<P, B, AuthContext>) => Promise<Response>,
): RouteHandler<P> {
  return async (req, routeContext) => {
    const started = performance.now();
    const meta = { requestId: randomUUID(), ip: clientIp(req.headers) };
    let limit: RateLimitDecision | undefined;
    let ctx: AuthContext | undefined;
    let response: Response;
    try {
      const blocked = blockedAddress(meta.ip);
      try {
        ctx = await authenticate(req, meta, { cachedOnly: blocked !== undefined });
      } catch (error) {
        // Failed attempts are charged to the client address, never to the key they name.
        limit = blocked ?? (await consumeRateLimit({ kind: "ip", key: meta.ip }));
        if (!limit.allowed) throw new ApiError("RATE_LIMITED");
        throw error;
      }
      limit = await consumeRateLimit({ kind: "token", key: ctx.credential.id });
      if (!limit.allowed) throw new ApiError("RATE_LIMITED");
      if (options.scope && !ctx.scopes.includes(options.scope)) {
        throw new ApiError("FORBIDDEN", undefined, { required_scope: options.scope });
      }
      // Written only for requests that passed every check, so refusals never grow the log.
      await auditOverride(ctx);
      const body = (await readBody(req, options.body)) as B;
      response = await handler({ req, ctx, params: await routeContext.params, body });
    } catch (error) {
      response = errorResponse(toApiError(error, meta.requestId), meta.requestId);
    }
    finish(response, meta.requestId, limit);
    if (ctx && ctx.credential.type !== "session") {
      recordUsage({
        tokenId: ctx.credential.id,
        // Usage belongs to the token's own organization (where its key page shows it), also
        // when X-Organization-ID moved this request elsewhere.
        organizationId: ctx.credential.organizationId,
        route: options.route,
        method: req.method,
        status: response.status,
        latencyMs: performance.now() - started,
        at: now(),
      });
    }
    return response;
  };
}

/** Routes that need no credential (token exchange, health, OpenAPI): rate-limited by address. */
export function withPublicApi<P = Record<string, string>, B = undefined>(
  options: Options<B>,
  handler: (args: HandlerArgs<P, B, PublicContext>) => Promise<Response>,
): RouteHandler<P> {
  return async (req, routeContext) => {
    const meta = { requestId: randomUUID(), ip: clientIp(req.headers) };
    let limit: RateLimitDecision | undefined;
    let response: Response;
    try {
      limit = await consumeRateLimit({ kind: "ip", key: meta.ip });
      if (!limit.allowed) throw new ApiError("RATE_LIMITED");
      // Public routes that take a body declare its schema; the others never read one.
      const body = (options.body ? await readBody(req, options.body) : undefined) as B;
      response = await handler({ req, ctx: meta, params: await routeContext.params, body });
    } catch (error) {
      response = errorResponse(toApiError(error, meta.requestId), meta.requestId);
    }
    finish(response, meta.requestId, limit);
    return response;
  };
}

/**
 * An address that already spent its failure budget (`cachedOnly`) is served only credentials
 * this instance verified before: a flood of well-formed random tokens gets its 429 without any
 * database lookup, while a key in use from behind the same address keeps working.
 */
async function authenticate(
  req: Request,
  meta: { requestId: string; ip: string },
  options: { cachedOnly: boolean },
): Promise<AuthContext> {
  const header = req.headers.get("authorization");
  let credential: Credential | null;
  if (header !== null) {
    const token = BEARER.exec(header)?.[1];
    if (!token) throw new ApiError("UNAUTHORIZED");
    credential = await verifyBearer(token, options);
  } else {
    credential = await sessionCredential(req);
  }
  if (!credential) throw new ApiError("UNAUTHORIZED");
  const requested = req.headers.get("x-organization-id")?.trim() || null;
  return resolveAuthContext(credential, requested, meta);
}

function finish(response: Response, requestId: string, limit: RateLimitDecision | undefined) {
  response.headers.set("X-Request-Id", requestId);
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
export function withoutRoute(respond: () => Response): RouteHandler<Record<string, unknown>> {
  return withPublicApi({ route: "(none)" }, async () => respond());
}

export function rejectRequest(makeError: () => ApiError): RouteHandler<Record<string, unknown>> {
  return withoutRoute(() => {
    throw makeError();
  });
}
