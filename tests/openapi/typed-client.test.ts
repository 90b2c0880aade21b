import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSchemaTypes, SCHEMA_TYPES_PATH } from "@/scripts/openapi-types";

describe("typed client example", () => {
  it("its committed schema.d.ts is what openapi-typescript makes of today's document", async () => {
    const committed = readFileSync(SCHEMA_TYPES_PATH, "utf8");
    // On a mismatch: run `npm run openapi:types` and commit lib/api-schema.d.ts.
    expect(await generateSchemaTypes(), "run `npm run openapi:types`").toBe(committed);
  });
});
