import path from "node:path";
import type { RouteHandler } from "@/server/http/with-api";
import { OPERATIONS, type Operation } from "@/server/openapi/operations";

export interface ApiRoute {
  op: Operation;
  /** "GET /api-keys/{id}": how the attack tests name a row. */
  name: string;
  handler: RouteHandler<Record<string, string>>;
}

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** "/api-keys/{id}/rotate" -> app/api/v1/api-keys/[id]/rotate/route.ts */
export function routeFile(operationPath: string): string {
  return path.join(API_DIR, operationPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

/**
 * Every documented operation with the real handler that serves it, imported from its route.ts:
 * the attack suite's rows come from the route table, so a new operation joins them by itself.
 */
export async function apiRoutes(): Promise<ApiRoute[]> {
  return Promise.all(
    OPERATIONS.map(async (op) => {
      const module = (await import(routeFile(op.path))) as Record<string, unknown>;
      const handler = module[op.method.toUpperCase()];
      if (typeof handler !== "function") {
        throw new Error(`${routeFile(op.path)} exports no ${op.method.toUpperCase()}`);
      }
      return {
        op,
        name: `${op.method.toUpperCase()} ${op.path}`,
        handler: handler as RouteHandler<Record<string, string>>,
      };
    }),
  );
}

/** The request path with its parameters filled in ("/api-keys/key_…"). */
export function fillPath(operationPath: string, params: Record<string, string>): string {
  return operationPath.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ""),
  );
}
