import type { RouteHandler } from "@/server/http/with-api";

let ipCounter = 0;

/** A client address of its own per call, so a file's many requests never meet the per-IP limit. */
export function nextIp(): string {
  ipCounter += 1;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

export interface InvokeOptions {
  method?: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw body, sent as is (for malformed-JSON and media-type tests). */
  rawBody?: string;
  params?: Record<string, string | string[]>;
  ip?: string;
}

export interface Invoked<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Calls a real route handler the way Next.js does: a Request in, a Response out. Nothing of
 * ours is mocked; the database is the file's own PGlite or PostgreSQL database.
 */
export async function invoke<T = any>(
  handler: RouteHandler | (() => Promise<Response>),
  options: InvokeOptions,
): Promise<Invoked<T>> {
  const headers = new Headers(options.headers);
  if (options.token !== undefined) headers.set("authorization", `Bearer ${options.token}`);
  // An address of its own per call unless a test names one: budgets stay apart.
  headers.set("x-voltasis-client-ip", options.ip ?? nextIp());
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(`http://localhost:3000/api/v1${options.path}`, {
    method: options.method ?? "GET",
    headers,
    body,
  });
  const res = await (handler as RouteHandler)(req, {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Left as text: a test asserting JSON will fail on it with the raw body visible.
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}
