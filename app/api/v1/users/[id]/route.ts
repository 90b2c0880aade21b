import { actorOf } from "@/server/audit/record-audit";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { changeRole } from "@/server/users/change-role";
import { findMember } from "@/server/users/find-member";
import { removeMembership } from "@/server/users/remove-membership";
import { toPublicMember, type UpdateMemberInput, updateMemberSchema } from "@/server/users/schemas";

// GET /api/v1/users/:id: one member of the current organization
export const GET = withApi<{ id: string }>(
  { route: "/users/{id}", scope: "read:users" },
  async ({ ctx, params }) => ok(toPublicMember(await findMember(ctx.organization.id, params.id))),
);

// DELETE /api/v1/users/:id: remove a member from the organization; their keys and tokens for it
// stop working on the next request
export const DELETE = withApi<{ id: string }>(
  { route: "/users/{id}", scope: "write:users" },
  async ({ ctx, params }) => {
    const member = await findMember(ctx.organization.id, params.id);
    await removeMembership(ctx.organization.id, member.id, {
      actor: actorOf(ctx),
      actorRole: ctx.role,
    });
    return ok({ ...toPublicMember(member), removed: true });
  },
);

// PATCH /api/v1/users/:id: change a member's role; it applies to their next request
export const PATCH = withApi<{ id: string }, UpdateMemberInput>(
  { route: "/users/{id}", scope: "write:users", body: updateMemberSchema },
  async ({ ctx, params, body }) => {
    const member = await findMember(ctx.organization.id, params.id);
    const changed = await changeRole(ctx.organization.id, member.id, body.role, {
      actor: actorOf(ctx),
      actorRole: ctx.role,
    });
    return ok(toPublicMember(changed));
  },
);

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
