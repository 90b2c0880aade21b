import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { updateOrganizationOperation } from "@/server/organizations/operations";
import { updateOrganization } from "@/server/organizations/update-organization";

// Owners and admins of that organization; its third-party access policy: owners.
export const PATCH = withApi(updateOrganizationOperation, async ({ ctx, params, body }) =>
  ok(await updateOrganization(ctx, params.id, body)),
);

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
