import path from "node:path";
import type { AnyOperation } from "@/server/core/operation";
import { OPERATIONS } from "@/server/http/operations";
import type { RouteHandler } from "@/server/http/with-api";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** The route handler that serves an operation: "/api-keys/{id}" -> app/api/v1/api-keys/[id]/route.ts. */
export async function handlerOf(op: AnyOperation): Promise<RouteHandler> {
  const dir = op.path.replace(/\{(\w+)\}/g, "[$1]").replace(/^\//, "");
  const mod = (await import(path.join(API_DIR, dir, "route.ts"))) as Record<string, RouteHandler>;
  const handler = mod[op.method];
  if (!handler) throw new Error(`${op.method} ${op.path}: route.ts exports no ${op.method}`);
  return handler;
}

/** "/api-keys/{id}" with { id: "key_1" } -> "/api-keys/key_1". */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

export interface ApiRoute {
  op: AnyOperation;
  /** "GET /api-keys/{id}": how the attack tests name a row. */
  name: string;
  handler: RouteHandler;
}

/**
 * Every operation with the real handler that serves it: the route table's rows come from the
 * operations, so a new operation joins the scope, tenancy and fuzz tests by itself.
 */
export async function apiRoutes(): Promise<ApiRoute[]> {
  return Promise.all(
    OPERATIONS.map(async (op) => ({
      op,
      name: `${op.method} ${op.path}`,
      handler: await handlerOf(op),
    })),
  );
}
