import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { findMember } from "@/server/users/find-member";
import { toPublicMember } from "@/server/users/schemas";

// GET /api/v1/users/:id: one member of the current organization
export const GET = withApi<{ id: string }>(
  { route: "/users/{id}", scope: "read:users" },
  async ({ ctx, params }) => ok(toPublicMember(await findMember(ctx.organization.id, params.id))),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
