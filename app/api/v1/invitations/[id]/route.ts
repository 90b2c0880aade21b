import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { revokeInvitation } from "@/server/invitations/invitations";

// DELETE /api/v1/invitations/:id: revoke a pending invitation; its link stops working at once
export const DELETE = withApi<{ id: string }>(
  { route: "/invitations/{id}", scope: "write:users" },
  async ({ ctx, params }) => ok(await revokeInvitation(ctx, params.id)),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
