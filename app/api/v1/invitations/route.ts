import { listQuerySchema } from "@/server/accounts/cursor";
import { publicBaseUrl } from "@/server/accounts/public-url";
import { otherMethods } from "@/server/http/method-not-allowed";
import { created, json, NO_STORE } from "@/server/http/responses";
import { parseOrThrow } from "@/server/http/validation";
import { withApi } from "@/server/http/with-api";
import { createInvitation, listInvitations } from "@/server/invitations/invitations";
import { createInvitationSchema } from "@/server/invitations/schemas";

// GET /api/v1/invitations: pending invitations of the organization (never a token or link)
export const GET = withApi({ route: "/invitations", scope: "read:users" }, async ({ req, ctx }) => {
  const query = parseOrThrow(listQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
  return json(await listInvitations(ctx, query));
});

// POST /api/v1/invitations: invite by link; the link is in data.url, shown this once
export const POST = withApi(
  { route: "/invitations", scope: "write:users", body: createInvitationSchema },
  async ({ req, ctx, body }) => {
    const { invitation, token } = await createInvitation(ctx, body);
    return created({ ...invitation, url: `${publicBaseUrl(req)}/invite/${token}` }, NO_STORE);
  },
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
