import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

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
