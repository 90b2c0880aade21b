import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { changeRole } from "@/server/users/change-role";
import { findMember } from "@/server/users/find-member";
import {
  changeRoleOperation,
  getMemberOperation,
  removeMemberOperation,
} from "@/server/users/operations";
import { removeMembership } from "@/server/users/remove-membership";
import { toPublicMember } from "@/server/users/schemas";

export const GET = withApi(getMemberOperation, async ({ ctx, params }) =>
  ok(toPublicMember(await findMember(ctx, params.id))),
);

// Their keys and tokens for this organization stop working on the next request.
export const DELETE = withApi(removeMemberOperation, async ({ ctx, params }) => {
  const member = await findMember(ctx, params.id, "write:users");
  await removeMembership(ctx, { userId: member.id });
  return ok({ ...toPublicMember(member), removed: true });
});

// The new role applies to the member's next request.
export const PATCH = withApi(changeRoleOperation, async ({ ctx, params, body }) => {
  const member = await findMember(ctx, params.id, "write:users");
  const changed = await changeRole(ctx, { userId: member.id, role: body.role });
  return ok(toPublicMember(changed));
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
