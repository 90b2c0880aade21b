import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { getOrganization } from "@/server/organizations/get-organization";
import {
  getOrganizationOperation,
  updateOrganizationOperation,
} from "@/server/organizations/operations";
import { updateOrganization } from "@/server/organizations/update-organization";

// Its members (an API key: its own organization only) and platform admins.
export const GET = withApi(getOrganizationOperation, async ({ ctx, params }) =>
  ok(await getOrganization(ctx, params.id)),
);

// Owners and admins of that organization; third-party access and policies: owners; the plan:
// platform admins.
export const PATCH = withApi(updateOrganizationOperation, async ({ ctx, params, body }) =>
  ok(await updateOrganization(ctx, params.id, body)),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
