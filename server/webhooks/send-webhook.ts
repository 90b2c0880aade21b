import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { guardedLookup, RefusedDestinationError, refusedLiteral } from "./destination-guard";

/** A delivery that takes longer than this has failed and is retried. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface SignedRequest {
  url: string;
  messageId: string;
  body: string;
  /** The secrets in force: the current one, and during a rotation the previous one. */
  secrets: string[];
  at: Date;
}

export interface SendResult {
  /** The receiver's status code, or null when no answer came (refused, timeout, network). */
  status: number | null;
  latencyMs: number;
  ok: boolean;
  error?: string;
}

/**
 * The Standard Webhooks headers: `webhook-id`, `webhook-timestamp` (seconds) and
 * `webhook-signature`, one `v1,<base64 HMAC-SHA256>` per secret in force, separated by spaces,
 * so a receiver that still holds the previous secret verifies the message during a rotation.
 * Signed by the `standardwebhooks` library, not by our own HMAC code.
 */
export function signatureHeaders(request: SignedRequest): Record<string, string> {
  const signatures = request.secrets.map((secret) =>
    new Webhook(secret).sign(request.messageId, request.at, request.body),
  );
  return {
    "webhook-id": request.messageId,
    "webhook-timestamp": String(Math.floor(request.at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

/**
 * POSTs one signed message. A 2xx within 10 s is delivered; anything else (another status, a
 * redirect, which is never followed, a timeout, a refused destination) is a failure to retry.
 * The answer's body is read and dropped: only its status is kept.
 */
export function sendWebhook(request: SignedRequest): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(request.url);
  const literal = refusedLiteral(url);
  if (literal) {
    const error = new RefusedDestinationError(url.hostname, literal).message;
    return Promise.resolve({ status: null, latencyMs: 0, ok: false, error });
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup,
        agent: false,
        headers: {
          "content-type": "application/json",
          "user-agent": "Voltasis-Webhooks/1",
          ...signatureHeaders(request),
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on("end", () => {
          const ok = status >= 200 && status < 300;
          finish({
            status,
            latencyMs: elapsed(),
            ok,
            error: ok ? undefined : `the endpoint answered ${status}`,
          });
        });
        res.on("error", (error) =>
          finish({ status, latencyMs: elapsed(), ok: false, error: error.message }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({
        status: null,
        latencyMs: elapsed(),
        ok: false,
        error: `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`,
      });
      req.destroy();
    }, DELIVERY_TIMEOUT_MS);
    req.on("error", (error) =>
      finish({ status: null, latencyMs: elapsed(), ok: false, error: error.message }),
    );
    req.end(request.body);
  });
}
