import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { resendInvitationOperation } from "@/server/invitations/operations";
import { resendInvitation } from "@/server/invitations/resend-invitation";

// A new link: mailed when email is configured; otherwise in data.url, shown once.
export const POST = withApi(resendInvitationOperation, async ({ req, ctx, params }) => {
  const { invitation, delivery, url } = await resendInvitation(
    ctx,
    params.id,
    new URL(req.url).origin,
  );
  return ok({ ...invitation, delivery, ...(delivery === "link" ? { url } : {}) }, NO_STORE);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
