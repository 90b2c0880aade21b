import { ApiError } from "./api-error";
import { errorResponse } from "./responses";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers answering 405 with an `Allow` header for every method a route does not serve:
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods<const A extends Method[]>(
  ...allowed: A
): Record<Exclude<Method, A[number]>, () => Promise<Response>> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
  const handler = async () =>
    errorResponse(new ApiError("METHOD_NOT_ALLOWED", undefined, undefined, { Allow: allow }));
  return Object.fromEntries(
    METHODS.filter((m) => !allowed.includes(m)).map((m) => [m, handler]),
  ) as Record<Exclude<Method, A[number]>, () => Promise<Response>>;
}
