import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { revokeInvitation } from "@/server/invitations/invitations";
import { revokeInvitationOperation } from "@/server/invitations/operations";

// Its link stops working at once.
export const DELETE = withApi(revokeInvitationOperation, async ({ ctx, params }) =>
  ok(await revokeInvitation(ctx, params.id)),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
