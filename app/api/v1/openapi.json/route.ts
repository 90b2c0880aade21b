import { requestOrigin } from "@/server/http/client-ip";
import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { openApiDocument } from "@/server/openapi/document";
import { openApiOperation } from "@/server/openapi/operations";

export const GET = withPublicApi(openApiOperation, async ({ req }) => {
  return json(openApiDocument(`${requestOrigin(req.headers)}/api/v1`), 200, {
    "Cache-Control": "public, max-age=300",
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
