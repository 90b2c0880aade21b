import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { createWebhook } from "@/server/webhooks/create-webhook";
import type { WebhookEventType } from "@/server/webhooks/events";
import { DEMO, sessionContext } from "./fixtures";

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * A webhook receiver on 127.0.0.1: records what it is sent and answers with the next status of
 * `statuses` (the last one repeats), so a test scripts a receiver that fails, then recovers.
 */
export async function startReceiver(statuses: number[] = [200]) {
  const received: ReceivedWebhook[] = [];
  const waiting: (() => void)[] = [];
  let answer = [...statuses];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      received.push({ headers, body, json: JSON.parse(body) });
      const status = answer.length > 1 ? (answer.shift() as number) : (answer[0] ?? 200);
      res.writeHead(status, { "content-type": "text/plain" }).end("ok");
      for (const wake of waiting.splice(0)) wake();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith(next: number[]) {
      answer = [...next];
    },
    /** Resolves once `count` requests have arrived (no timing: it waits for the requests). */
    async waitFor(count: number): Promise<ReceivedWebhook[]> {
      while (received.length < count) await new Promise<void>((r) => waiting.push(r));
      return received;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/**
 * An endpoint of the organization added through the domain, as its owner's session would, with
 * private destinations allowed for the 127.0.0.1 receiver. Returns it with its secret.
 */
export async function addEndpoint(
  slug: "acme" | "globex",
  url: string,
  events: WebhookEventType[] = ["api_key.created"],
) {
  const owner = slug === "acme" ? DEMO.acmeOwner : DEMO.globexOwner;
  return createWebhook(await sessionContext(owner, slug), { url, events });
}

/**
 * Whether one of the message's signatures is the secret's, as the standardwebhooks library
 * computes it: for messages sent with the test clock moved, where `verify` would refuse the
 * timestamp against the real clock's 5-minute window.
 */
export function signedBy(secret: string, message: ReceivedWebhook): boolean {
  const expected = new Webhook(secret).sign(
    message.headers["webhook-id"] ?? "",
    new Date(Number(message.headers["webhook-timestamp"]) * 1000),
    message.body,
  );
  return (message.headers["webhook-signature"] ?? "").split(" ").includes(expected);
}
