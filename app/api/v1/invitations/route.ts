import { otherMethods } from "@/server/http/method-not-allowed";
import { created, NO_STORE, pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createInvitation } from "@/server/invitations/create-invitation";
import { listInvitations } from "@/server/invitations/list-invitations";
import {
  createInvitationOperation,
  listInvitationsOperation,
} from "@/server/invitations/operations";

export const GET = withApi(listInvitationsOperation, async ({ ctx, query }) =>
  pageResponse(await listInvitations(ctx, query)),
);

// Mailed to the invited address when email is configured; otherwise in data.url, shown once.
export const POST = withApi(createInvitationOperation, async ({ req, ctx, body }) => {
  const { invitation, delivery, url } = await createInvitation(ctx, body, new URL(req.url).origin);
  return created({ ...invitation, delivery, ...(delivery === "link" ? { url } : {}) }, NO_STORE);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
