import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { listMembers } from "@/server/users/list-members";
import { listMembersOperation } from "@/server/users/operations";
import { toPublicMember } from "@/server/users/schemas";

export const GET = withApi(listMembersOperation, async ({ ctx }) =>
  ok((await listMembers(ctx.organization.id)).map(toPublicMember)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
