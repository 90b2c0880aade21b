import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { acceptInvitation } from "@/server/invitations/invitations";
import { type AcceptInvitationInput, acceptInvitationSchema } from "@/server/invitations/schemas";

// POST /api/v1/invitations/accept: token + password (+ name for a new account) -> a token pair
export const POST = withPublicApi<Record<string, string>, AcceptInvitationInput>(
  { route: "/invitations/accept", body: acceptInvitationSchema },
  async ({ ctx, body }) =>
    ok(await acceptInvitation(body, ctx.ip), { ...NO_STORE, Pragma: "no-cache" }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
