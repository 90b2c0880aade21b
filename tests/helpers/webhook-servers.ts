import { expect, vi } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed";
import type { WebhookEventType } from "@/server/webhooks/events";

/*
 * What the slow webhook tests do to production servers of their own (tests/support/
 * server-harness.ts spawnServer): JSON calls over HTTP to 127.0.0.1, an owner's token, an
 * endpoint added through the API, and its delivery log read back through the API.
 */

export interface Answer<T = any> {
  status: number;
  body: { data: T } & any;
}

/** A JSON call to `base` (`http://127.0.0.1:PORT`) under /api/v1, with an optional Bearer token. */
export async function call<T = any>(
  base: string,
  pathname: string,
  token?: string,
  init: RequestInit = {},
): Promise<Answer<T>> {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (init.body) headers.set("content-type", "application/json");
  const res = await fetch(`${base}/api/v1${pathname}`, { ...init, headers });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** An access token of Acme's owner, from `base`. */
export async function ownerToken(base: string): Promise<string> {
  const res = await call(base, "/auth/token", undefined, {
    method: "POST",
    body: JSON.stringify({ email: "owner@acme.test", password: DEMO_PASSWORD }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.access_token;
}

/** POST /webhooks: an endpoint of Acme at `url`; its id and signing secret (shown this once). */
export async function addWebhook(
  base: string,
  token: string,
  url: string,
  events: WebhookEventType[],
): Promise<{ id: string; secret: string }> {
  const res = await call(base, "/webhooks", token, {
    method: "POST",
    body: JSON.stringify({ url, events }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.data.secret).toMatch(/^whsec_/);
  return { id: res.body.data.id, secret: res.body.data.secret };
}

/** POST /api-keys: a read-only key of Acme; its id. */
export async function createKey(base: string, token: string, name: string): Promise<string> {
  const res = await call(base, "/api-keys", token, {
    method: "POST",
    body: JSON.stringify({ name, scopes: ["read:users"] }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id;
}

export interface Delivery {
  id: string;
  message_id: string;
  event_type: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  response_status: number | null;
  payload: { type: string; data: { id: string } };
}

/** The endpoint's whole delivery log (GET /webhooks/{id}/deliveries, every page). */
export async function deliveriesOf(base: string, token: string, hookId: string) {
  const all: Delivery[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await call<Delivery[]>(
      base,
      `/webhooks/${hookId}/deliveries?limit=100${query}`,
      token,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    all.push(...res.body.data);
    cursor = res.body.next_cursor;
  } while (cursor);
  return all;
}

/**
 * Polls the delivery log until `ready` holds for it (no fixed wait): returns that log. Throws
 * with the last log seen once `timeout` ms have passed.
 */
export async function waitForDeliveries(
  base: string,
  token: string,
  hookId: string,
  ready: (log: Delivery[]) => boolean,
  timeout: number,
): Promise<Delivery[]> {
  return vi.waitFor(
    async () => {
      const log = await deliveriesOf(base, token, hookId);
      if (!ready(log)) {
        const summary = log.map((d) => `${d.event_type} ${d.status} x${d.attempts}`).join(", ");
        throw new Error(`delivery log not there yet: [${summary}]`);
      }
      return log;
    },
    { timeout, interval: 250 },
  );
}
