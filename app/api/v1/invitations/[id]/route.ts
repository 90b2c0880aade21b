import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { revokeInvitationOperation } from "@/server/invitations/operations";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";

// Its link stops working at once.
export const DELETE = withApi(revokeInvitationOperation, async ({ ctx, params }) =>
  ok(await revokeInvitation(ctx, params.id)),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
