import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { openApiDocument } from "@/server/openapi/document";

// GET /api/v1/openapi.json: the OpenAPI 3.1 document, built from the handlers' zod schemas
export const GET = withPublicApi({ route: "/openapi.json" }, async ({ req }) => {
  const url = new URL(req.url);
  const host = req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return json(openApiDocument(`${proto}://${host}/api/v1`), 200, {
    "Cache-Control": "public, max-age=300",
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
