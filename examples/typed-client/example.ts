// A typed Voltasis client: openapi-fetch over the types openapi-typescript generates from
// /api/v1/openapi.json (`npm run openapi:types` writes lib/api-schema.d.ts). Paths, query
// parameters, bodies and responses are all checked by the compiler; `tsc --noEmit` type-checks
// this file.
import createClient from "openapi-fetch";
import type { components, paths } from "../../lib/api-schema";

type ApiKey = components["schemas"]["ApiKey"];

export function voltasisClient(baseUrl: string, apiKey: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
}

/** Every active key of the organization, following `next_cursor` page by page. */
export async function listActiveKeys(client: ReturnType<typeof voltasisClient>) {
  const keys: ApiKey[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET("/api-keys", {
      params: { query: { status: "active", limit: 100, cursor } },
    });
    if (error) throw new Error(`${error.error.code}: ${error.error.message}`);
    keys.push(...data.data);
    cursor = data.next_cursor ?? undefined;
  } while (cursor);
  return keys;
}

/** Creates a read-only key; its secret is in the answer once and never again. */
export async function createReadOnlyKey(client: ReturnType<typeof voltasisClient>, name: string) {
  const { data, error } = await client.POST("/api-keys", {
    body: { name, scopes: ["read:api-keys"] },
  });
  if (error) throw new Error(`${error.error.code}: ${error.error.message}`);
  return data.data;
}
