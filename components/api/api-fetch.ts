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
export async function apiFetch<T>(
  path: string,
  options: { method?: string; body?: unknown; organizationId: string; signal?: AbortSignal },
): Promise<T> {
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
  const payload = (await res.json().catch(() => null)) as {
    data?: T;
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (!res.ok) {
    const error = payload?.error;
    throw new ApiRequestError(
      res.status,
      error?.code ?? "INTERNAL_ERROR",
      error?.message ?? `Request failed with status ${res.status}`,
      error?.details,
    );
  }
  return payload?.data as T;
}
