import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { renameOrganization } from "@/server/organizations/manage-organizations";
import { renameOrganizationOperation } from "@/server/organizations/operations";

// Owners and admins of that organization.
export const PATCH = withApi(renameOrganizationOperation, async ({ ctx, params, body }) =>
  ok(await renameOrganization(ctx, params.id, body)),
);

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
