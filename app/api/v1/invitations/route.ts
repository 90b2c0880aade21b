import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/pagination";
import { publicBaseUrl } from "@/server/http/public-url";
import { created, NO_STORE } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createInvitation, listInvitations } from "@/server/invitations/invitations";
import {
  createInvitationOperation,
  listInvitationsOperation,
} from "@/server/invitations/operations";

export const GET = withApi(listInvitationsOperation, async ({ ctx, query }) =>
  pageResponse(await listInvitations(ctx, query)),
);

// The link is in data.url, shown this once.
export const POST = withApi(createInvitationOperation, async ({ req, ctx, body }) => {
  const { invitation, token } = await createInvitation(ctx, body);
  return created(
    { ...invitation, url: `${publicBaseUrl(new URL(req.url).origin)}/invite/${token}` },
    NO_STORE,
  );
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
