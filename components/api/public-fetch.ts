"use client";

import { ApiRequestError } from "./api-fetch";

/**
 * POST to a public /api/v1 endpoint from a signed-out page (forgot and reset password, verify
 * email): JSON in and out, no session, no organization. Throws ApiRequestError on an error body.
 */
export async function postPublic<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
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

/** The message for one field from a VALIDATION_ERROR's details, if it names that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiRequestError) || !Array.isArray(error.details)) return undefined;
  const found = (error.details as { field?: unknown; message?: unknown }[]).find(
    (d) => d.field === field,
  );
  return typeof found?.message === "string" ? found.message : undefined;
}
