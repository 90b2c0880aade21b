import { listCredentials } from "@/server/credentials-inventory/list-credentials";
import { listCredentialsOperation } from "@/server/credentials-inventory/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(listCredentialsOperation, async ({ ctx, query }) =>
  pageResponse(await listCredentials(ctx, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
