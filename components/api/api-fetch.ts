"use client";

/** The error body every /api/v1 route returns, thrown so TanStack Query can show it. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/**
 * The dashboard's client for /api/v1: same origin, session cookie, JSON bodies, and the
 * organization the page shows in X-Organization-ID so a stale tab cannot act elsewhere.
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions): Promise<T> {
  return (await request<{ data?: T }>(path, options)).data as T;
}

/** One page of a list: `data` and the `next_cursor` to ask for the page after it. */
export interface ApiPage<T> {
  data: T[];
  next_cursor: string | null;
}

/** GET of a paginated list (`{"data": […], "next_cursor": …}`). */
export async function apiFetchPage<T>(path: string, options: ApiFetchOptions): Promise<ApiPage<T>> {
  const page = await request<Partial<ApiPage<T>>>(path, options);
  return { data: page.data ?? [], next_cursor: page.next_cursor ?? null };
}

interface ApiFetchOptions {
  method?: string;
  body?: unknown;
  organizationId: string;
  signal?: AbortSignal;
}

async function request<T>(path: string, options: ApiFetchOptions): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: options.method ?? "GET",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-Organization-ID": options.organizationId,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: "same-origin",
    cache: "no-store",
    signal: options.signal,
  });
  const payload = (await res.json().catch(() => null)) as
    | (T & { error?: { code: string; message: string; details?: unknown } })
    | null;
  if (!res.ok) {
    const error = payload?.error;
    throw new ApiRequestError(
      res.status,
      error?.code ?? "INTERNAL_ERROR",
      error?.message ?? `Request failed with status ${res.status}`,
      error?.details,
    );
  }
  return (payload ?? {}) as T;
}
