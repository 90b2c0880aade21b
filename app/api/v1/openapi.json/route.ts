import { otherMethods } from "@/server/http/method-not-allowed";
import { publicApiUrl } from "@/server/http/public-url";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { openApiDocument } from "@/server/openapi/document";
import { openApiOperation } from "@/server/openapi/operations";

export const GET = withPublicApi(openApiOperation, async () => {
  return json(openApiDocument(publicApiUrl()), 200, {
    "Cache-Control": "public, max-age=300",
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
