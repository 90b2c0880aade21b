import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { renameOrganizationOperation } from "@/server/organizations/operations";
import { renameOrganization } from "@/server/organizations/rename-organization";

// Owners and admins of that organization.
export const PATCH = withApi(renameOrganizationOperation, async ({ ctx, params, body }) =>
  ok(await renameOrganization(ctx, params.id, body)),
);

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
