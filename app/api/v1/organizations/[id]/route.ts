import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import {
  renameOrganization,
  updateOrganizationSchema,
} from "@/server/organizations/manage-organizations";

// PATCH /api/v1/organizations/:id: rename (owners and admins of that organization)
export const PATCH = withApi<{ id: string }, { name: string }>(
  { route: "/organizations/{id}", body: updateOrganizationSchema },
  async ({ ctx, params, body }) => ok(await renameOrganization(ctx, params.id, body)),
);

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
