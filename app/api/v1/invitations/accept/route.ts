import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { acceptInvitationOperation } from "@/server/invitations/operations";

export const POST = withPublicApi(acceptInvitationOperation, async ({ ctx, body }) =>
  ok((await acceptInvitation(body, ctx.ip)).pair, { ...NO_STORE, Pragma: "no-cache" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
