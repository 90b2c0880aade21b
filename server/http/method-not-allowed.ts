import { MethodNotAllowed } from "@/server/core/api-error";
import { type RouteHandler, rejectRequest, withoutRoute } from "./with-api";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handlers<A extends Method[]> = Record<Exclude<Method, A[number]> | "OPTIONS", RouteHandler>;

/**
 * 405 with an `Allow` header for every method a route does not serve, and an OPTIONS answer that
 * names exactly the methods it does:
 * `export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");`
 */
export function otherMethods<const A extends Method[]>(...allowed: A): Handlers<A> {
  const methods = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  const notAllowed = rejectRequest(() => new MethodNotAllowed(methods));
  const options = withoutRoute(
    () => new Response(null, { status: 204, headers: { Allow: methods.join(", ") } }),
  );
  return {
    ...Object.fromEntries(METHODS.filter((m) => !allowed.includes(m)).map((m) => [m, notAllowed])),
    OPTIONS: options,
  } as Handlers<A>;
}
