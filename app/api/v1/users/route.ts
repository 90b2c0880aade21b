import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/pagination";
import { parseOrThrow } from "@/server/http/validation";
import { withApi } from "@/server/http/with-api";
import { listMembersPage } from "@/server/users/list-members";
import { listMembersQuerySchema } from "@/server/users/schemas";

// GET /api/v1/users: a page of the current organization's members, the newest first
export const GET = withApi({ route: "/users", scope: "read:users" }, async ({ req, ctx }) => {
  const query = parseOrThrow(
    listMembersQuerySchema,
    Object.fromEntries(new URL(req.url).searchParams),
  );
  return pageResponse(await listMembersPage(ctx.organization.id, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
