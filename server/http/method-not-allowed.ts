import { ApiError } from "./api-error";
import { type RouteHandler, rejectRequest } from "./with-api";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers answering 405 with an `Allow` header for every method a route does not serve:
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods<const A extends Method[]>(
  ...allowed: A
): Record<Exclude<Method, A[number]>, RouteHandler<Record<string, unknown>>> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
  const handler = rejectRequest(
    () => new ApiError("METHOD_NOT_ALLOWED", undefined, undefined, { Allow: allow }),
  );
  return Object.fromEntries(
    METHODS.filter((m) => !allowed.includes(m)).map((m) => [m, handler]),
  ) as Record<Exclude<Method, A[number]>, RouteHandler<Record<string, unknown>>>;
}
