import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { invoke } from "../helpers/invoke";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every route.ts under app/api/v1 as an OpenAPI path ("[id]" -> "{id}"), minus the catch-all. */
function routePaths(dir = API_DIR, prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("[[...")) continue;
      found.push(...routePaths(full, `${prefix}/${entry.replace(/^\[(\w+)\]$/, "{$1}")}`));
    } else if (entry === "route.ts") {
      found.push(prefix);
    }
  }
  return found;
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document that names every route the API serves", async () => {
    const res = await invoke(openapiRoute.GET, { path: "/openapi.json" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.body.openapi).toBe("3.1.0");
    const documented = Object.keys(res.body.paths);
    const served = routePaths();
    expect(served.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual(served.sort());
  });

  it("documents request bodies from the handlers' own schemas", async () => {
    const res = await invoke(openapiRoute.GET, { path: "/openapi.json" });
    const create = res.body.paths["/api-keys"].post;
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(["name", "scopes"]);
    expect(schema.properties.scopes.items.enum).toContain("read:users");
    expect(schema.properties.name.maxLength).toBe(100);
    expect(create.security).toEqual([{ bearer: ["write:api-keys"] }]);
    expect(res.body.paths["/api-keys/{id}/rotate"].post.requestBody.required).toBe(false);
    expect(res.body.paths["/health"].get.security).toEqual([]);
  });

  it("answers other methods with 405 and an Allow header", async () => {
    const res = await invoke(openapiRoute.POST, { method: "POST", path: "/openapi.json" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(res.body.error.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("OpenAPI references", () => {
  it("every $ref resolves inside the document", async () => {
    const res = await invoke(openapiRoute.GET, { path: "/openapi.json" });
    const refs = [...JSON.stringify(res.body).matchAll(/"\$ref":"([^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\//);
      const target = ref
        .slice(2)
        .split("/")
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown> | undefined)?.[part],
          res.body,
        );
      expect(target, ref).toBeDefined();
    }
    const list =
      res.body.paths["/api-keys"].get.responses["200"].content["application/json"].schema;
    expect(list.properties.data.items.properties.id.type).toBe("string");
  });
});
