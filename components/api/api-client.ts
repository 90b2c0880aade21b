"use client";

import createClient from "openapi-fetch";
import type { paths } from "@/lib/api-schema";
import { toSearch } from "./query-string";

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
 * The dashboard's one client for /api/v1, typed by the paths the OpenAPI document declares: same
 * origin, the session cookie, JSON in and out, never from the HTTP cache. Organization-scoped
 * calls add `inOrganization(…)`; signed-out pages pass `credentials: "omit"`. Read answers with
 * `bodyOf` or `dataOf`, which throw ApiRequestError on any status but 2xx.
 */
export const api = createClient<paths>({
  baseUrl: "/api/v1",
  headers: { "Content-Type": "application/json", Accept: "application/json" },
  credentials: "same-origin",
  cache: "no-store",
  querySerializer: toSearch,
  // Looked up on each call, not once at load, so a replaced window.fetch is the one used.
  fetch: (request) => fetch(request),
});

/**
 * The options of an organization-scoped call: the organization the page shows, in
 * X-Organization-ID so a stale tab cannot act elsewhere, and the query's AbortSignal if any.
 */
export function inOrganization(organizationId: string, signal?: AbortSignal) {
  return { headers: { "X-Organization-ID": organizationId }, signal };
}

/** What openapi-fetch resolves to: the typed body of a 2xx answer, or the error body. */
interface ApiAnswer<Body = unknown> {
  data?: Body;
  error?: unknown;
  response: Response;
}

/** The JSON body of a 2xx answer (a list page: `data` and `next_cursor`). */
export async function bodyOf<A extends ApiAnswer>(
  call: Promise<A>,
): Promise<NonNullable<A["data"]>> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiRequestError(response.status, error);
  return data as NonNullable<A["data"]>;
}

/** The `data` of a 2xx answer: the resource every single-resource answer wraps. */
export async function dataOf<A extends ApiAnswer<{ data: unknown }>>(
  call: Promise<A>,
): Promise<NonNullable<A["data"]>["data"]> {
  return (await bodyOf(call)).data;
}

function toApiRequestError(status: number, body: unknown): ApiRequestError {
  const error =
    typeof body === "object" && body !== null && "error" in body
      ? (body.error as { code?: unknown; message?: unknown; details?: unknown } | null)
      : null;
  return new ApiRequestError(
    status,
    typeof error?.code === "string" ? error.code : "INTERNAL_ERROR",
    typeof error?.message === "string" ? error.message : `Request failed with status ${status}`,
    error?.details,
  );
}

/** The message for one field from a VALIDATION_ERROR's details, if it names that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiRequestError) || !Array.isArray(error.details)) return undefined;
  const found = (error.details as { field?: unknown; message?: unknown }[]).find(
    (d) => d.field === field,
  );
  return typeof found?.message === "string" ? found.message : undefined;
}
