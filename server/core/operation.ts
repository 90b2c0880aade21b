import type { z } from "zod";
import type { Scope } from "@/lib/scopes";

export const OPERATION_METHODS = ["GET", "POST", "PATCH", "DELETE"] as const;
export type OperationMethod = (typeof OPERATION_METHODS)[number];

/**
 * One /api/v1 operation, declared once beside its domain. The route passes it to `withApi`,
 * which authenticates, checks `scope` and parses `params`, `query` and `body` with it; the
 * OpenAPI document and the scope and tenancy tests are maps over the same objects.
 */
export interface Operation<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: OperationMethod;
  /** OpenAPI path under /api/v1, e.g. "/api-keys/{id}"; it also names the route in usage. */
  path: string;
  /** A scope; "authenticated": any valid credential; "public": no credential at all. */
  scope: Scope | "authenticated" | "public";
  summary: string;
  description?: string;
  body?: B;
  /** A valid request body: shown in the document and sent by the generated scope tests. */
  example?: unknown;
  query?: Q;
  params?: P;
  response: {
    status: 200 | 201 | 202;
    /** The schema of `data` (or of the whole body when `unwrapped`). */
    schema: z.ZodType;
    description: string;
    unwrapped?: true;
    /** A list page: `next_cursor` beside `data` (keyset pagination, newest first). */
    paginated?: true;
    /**
     * A download rather than JSON: the body is this media type (`schema` describes it as a
     * string), served as an attachment (`Content-Disposition`).
     */
    download?: { mediaType: "text/csv"; example: string };
  };
  /** Statuses particular to this operation (404, 409, 503…); the common ones are derived. */
  errors: readonly number[];
}

/** Keeps the literal types of an operation (its schemas) for `withApi`'s handler arguments. */
export function defineOperation<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(operation: Operation<B, Q, P>): Operation<B, Q, P> {
  return operation;
}

/** What a schema slot parses to: `undefined` when the operation declares none. */
export type Parsed<S> = [S] extends [z.ZodType] ? z.output<S> : undefined;

type Slot = z.ZodType | undefined;
/** Any operation, whatever its schemas. */
export type AnyOperation = Operation<Slot, Slot, Slot>;
