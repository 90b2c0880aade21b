// `npm run openapi:types`: regenerates lib/api-schema.d.ts from the OpenAPI document with
// openapi-typescript; the dashboard's client (components/api/api-client.ts) and
// examples/typed-client/example.ts both import it. tests/openapi/typed-client.test.ts generates the
// same text in memory and fails when the committed file has drifted from the document.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { openApiDocument } from "@/server/openapi/document";

export const SCHEMA_TYPES_PATH = "lib/api-schema.d.ts";

const HEADER = `/**
 * Generated from the Voltasis OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with \`npm run openapi:types\`.
 */

`;

/** The TypeScript declarations openapi-typescript makes of the document, as committed. */
export async function generateSchemaTypes(): Promise<string> {
  // The servers entry does not reach the types, so any base URL gives the same file.
  const document = openApiDocument("/api/v1");
  // A field with a default may be left out of a request (rotate's grace_seconds): keep it optional.
  // Its OpenAPI3 type follows 3.0's License (url required); 3.1's `identifier` is valid too.
  const ast = await openapiTS(document as unknown as OpenAPI3, {
    defaultNonNullable: false,
  });
  return HEADER + astToString(ast);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_TYPES_PATH, await generateSchemaTypes());
  console.log(`Types written to ${SCHEMA_TYPES_PATH}`);
}
