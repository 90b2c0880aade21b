import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { listOAuthGrants } from "@/server/oauth-grants/list-oauth-grants";
import { listOAuthGrantsOperation } from "@/server/oauth-grants/operations";

export const GET = withApi(listOAuthGrantsOperation, async ({ ctx, query }) =>
  pageResponse(await listOAuthGrants(ctx, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
