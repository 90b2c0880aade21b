import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { listMembers } from "@/server/users/list-members";
import { toPublicMember } from "@/server/users/schemas";

// GET /api/v1/users: members of the current organization
export const GET = withApi({ route: "/users", scope: "read:users" }, async ({ ctx }) =>
  ok((await listMembers(ctx.organization.id)).map(toPublicMember)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
