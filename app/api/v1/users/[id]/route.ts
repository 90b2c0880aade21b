import { actorOf } from "@/server/audit/record-audit";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { findMember } from "@/server/users/find-member";
import { getMemberOperation, removeMemberOperation } from "@/server/users/operations";
import { removeMembership } from "@/server/users/remove-membership";
import { toPublicMember } from "@/server/users/schemas";

export const GET = withApi(getMemberOperation, async ({ ctx, params }) =>
  ok(toPublicMember(await findMember(ctx.organization.id, params.id))),
);

// Their keys and tokens for this organization stop working on the next request.
export const DELETE = withApi(removeMemberOperation, async ({ ctx, params }) => {
  const member = await findMember(ctx.organization.id, params.id);
  await removeMembership(ctx.organization.id, member.id, {
    actor: actorOf(ctx),
    actorRole: ctx.role,
  });
  return ok({ ...toPublicMember(member), removed: true });
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods("GET", "DELETE");
