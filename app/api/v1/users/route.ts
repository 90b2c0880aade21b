import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { listMembersPage } from "@/server/users/list-members";
import { listMembersOperation } from "@/server/users/operations";

export const GET = withApi(listMembersOperation, async ({ ctx, query }) =>
  pageResponse(await listMembersPage(ctx, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
