import { publicApiUrl } from "@/server/core/public-url";
import { otherMethods } from "@/server/http/method-not-allowed";
import { openApiOperation } from "@/server/http/operations";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { openApiDocument } from "@/server/openapi/document";

export const GET = withPublicApi(openApiOperation, async () => {
  return json(openApiDocument(publicApiUrl()), 200, {
    "Cache-Control": "public, max-age=300",
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
