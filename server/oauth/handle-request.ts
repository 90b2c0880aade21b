import type { IncomingMessage, ServerResponse } from "node:http";
import { addressBudgetKey, clientIp } from "@/server/core/client-ip";
import { consumeRateLimit, processRateLimiter } from "@/server/rate-limit/consume";
import { getOAuthProvider, OAUTH_BASE_PATH } from "./provider";
import { oauthIssuer } from "./resource";

// RFC 7591 registration is open to anyone: a small body, and a budget per address.
const REGISTRATION_MAX_BYTES = 8 * 1024;

/**
 * The authorization server's door: a Node request (pages/api/oauth/[...path].ts, or a test's
 * server) handed to oidc-provider. `pathname` is the path the client asked for (before Next's
 * rewrites of /.well-known/… and /device). The host and protocol the provider builds its URLs
 * from are PUBLIC_URL's, never the request's.
 */
export async function handleOAuthRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pathname?: string,
): Promise<void> {
  const requested = new URL(req.url ?? "/", "http://internal");
  let path = pathname ?? requested.pathname;
  // RFC 8414 metadata is the same document as OpenID discovery.
  if (path === "/.well-known/oauth-authorization-server") {
    path = "/.well-known/openid-configuration";
  }
  const issuer = new URL(oauthIssuer());
  const ip = clientIp(
    new Headers({
      "x-voltasis-client-ip": String(
        req.headers["x-voltasis-client-ip"] ?? req.socket?.remoteAddress ?? "unknown",
      ),
    }),
  );
  req.url = `${path}${requested.search}`;
  req.headers["x-forwarded-host"] = issuer.host;
  req.headers["x-forwarded-proto"] = issuer.protocol.slice(0, -1);
  req.headers["x-forwarded-for"] = ip;

  if (path === `${OAUTH_BASE_PATH}/register` && req.method === "POST") {
    const refusal = await registrationRefusal(req, ip);
    if (refusal) {
      res.statusCode = refusal.status;
      res.setHeader("Content-Type", "application/json");
      res.setHeader("Cache-Control", "no-store");
      if (refusal.retryAfter) res.setHeader("Retry-After", String(refusal.retryAfter));
      res.end(JSON.stringify({ error: refusal.error, error_description: refusal.description }));
      return;
    }
  }

  await new Promise<void>((resolve) => {
    res.once("finish", resolve);
    res.once("close", resolve);
    void getOAuthProvider().callback()(req, res);
  });
}

interface Refusal {
  status: number;
  error: string;
  description: string;
  retryAfter?: number;
}

async function registrationRefusal(req: IncomingMessage, ip: string): Promise<Refusal | undefined> {
  const length = Number(req.headers["content-length"] ?? Number.NaN);
  if (!Number.isFinite(length) || length > REGISTRATION_MAX_BYTES) {
    return {
      status: 413,
      error: "invalid_client_metadata",
      description: `registration requests must declare a Content-Length of at most ${REGISTRATION_MAX_BYTES} bytes`,
    };
  }
  const general = await consumeRateLimit({ kind: "ip", key: ip });
  // A few registrations per address per hour (the limiter's hourly "email" budget, keyed apart).
  const registrations = general.allowed
    ? await processRateLimiter().consume({
        kind: "email",
        key: `oauth-register:${addressBudgetKey(ip)}`,
      })
    : general;
  if (!registrations.allowed) {
    return {
      status: 429,
      error: "too_many_requests",
      description: "too many registrations from this address; try again later",
      retryAfter: Math.max(1, Math.ceil((registrations.resetAt - Date.now()) / 1000)),
    };
  }
  return undefined;
}
