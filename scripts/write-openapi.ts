// Writes the OpenAPI document that /api/v1/openapi.json serves to a file, for `redocly lint` and
// `openapi-typescript`. Usage: tsx scripts/write-openapi.ts [out] (default .data/openapi.json).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publicApiUrl } from "@/server/core/public-url";
import { openApiDocument } from "@/server/openapi/document";

const out = process.argv[2] ?? ".data/openapi.json";
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(openApiDocument(publicApiUrl()), null, 2)}\n`);
console.log(`OpenAPI document written to ${out}`);
