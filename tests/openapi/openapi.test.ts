import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { OPERATIONS } from "@/server/http/operations";
import { invoke } from "@/tests/helpers/invoke";

type Json = any;

/** Follows a local $ref ("#/components/schemas/ApiKey") to what it names. */
function deref(doc: Json, node: Json): Json {
  if (!node?.$ref) return node;
  return deref(
    doc,
    String(node.$ref)
      .slice(2)
      .split("/")
      .reduce((n: Json, part: string) => n?.[part], doc),
  );
}

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
    const schema = deref(res.body, create.requestBody.content["application/json"].schema);
    expect(schema.required).toEqual(["name", "scopes"]);
    expect(schema.properties.scopes.items.enum).toContain("read:users");
    expect(schema.properties.name.maxLength).toBe(100);
    expect(create.security).toEqual([
      { bearer: ["write:api-keys"] },
      { oauth2: ["write:api-keys"] },
    ]);
    expect(res.body.components.securitySchemes.oauth2.flows.authorizationCode).toMatchObject({
      authorizationUrl: expect.stringMatching(/\/api\/oauth\/authorize$/),
      tokenUrl: expect.stringMatching(/\/api\/oauth\/token$/),
      scopes: expect.objectContaining({ "read:users": expect.any(String) }),
    });
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
    expect(list.properties.data.items).toEqual({ $ref: "#/components/schemas/ApiKey" });
    expect(deref(res.body, list.properties.data.items).properties.id.type).toBe("string");
  });
});

describe("the document follows from the operations", () => {
  it("names every entity in components.schemas", async () => {
    const { body } = await invoke(openapiRoute.GET, { path: "/openapi.json" });
    for (const name of ["ApiKey", "CreatedApiKey", "Member", "TimeEntry", "TokenPair", "Scope"]) {
      expect(body.components.schemas[name], name).toBeDefined();
    }
    const validation = body.components.schemas.ValidationError;
    expect(validation.properties.error.properties.details.items).toEqual({
      $ref: "#/components/schemas/FieldError",
    });
  });

  it.each(OPERATIONS.map((op) => [op.method, op.path, op] as const))(
    "%s %s: scope, errors and headers as the operation declares",
    async (method, path, op) => {
      const { body } = await invoke(openapiRoute.GET, { path: "/openapi.json" });
      const documented = body.paths[path][method.toLowerCase()];
      const scopes = op.scope === "authenticated" ? [] : [op.scope];
      // A key or token (bearer), or an OAuth app's token granted the same scope (oauth2); no
      // app is ever granted admin:organizations.
      const expectedSecurity =
        op.scope === "public"
          ? []
          : op.scope === "admin:organizations"
            ? [{ bearer: scopes }]
            : [{ bearer: scopes }, { oauth2: scopes }];
      expect(documented.security).toEqual(expectedSecurity);
      const statuses = Object.keys(documented.responses).map(Number);
      expect(statuses).toEqual(expect.arrayContaining([405, 429, 500, 503, op.response.status]));
      if (op.scope !== "public") expect(statuses).toEqual(expect.arrayContaining([401, 403]));
      if (op.body) expect(statuses).toEqual(expect.arrayContaining([400, 413, 415]));
      expect(Object.keys(documented.responses[op.response.status].headers)).toEqual(
        expect.arrayContaining(["X-RateLimit-Limit", "RateLimit", "RateLimit-Policy"]),
      );
      expect(documented.responses[429].headers["Retry-After"]).toBeDefined();
      if (op.scope !== "public") {
        expect(documented.responses[401].headers["WWW-Authenticate"]).toBeDefined();
      }
      expect(documented.responses[405].headers.Allow).toBeDefined();
    },
  );
});
