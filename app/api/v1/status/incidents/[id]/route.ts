import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { updateIncidentOperation } from "@/server/status/operations";
import { updateIncident } from "@/server/status/update-incident";

export const PATCH = withApi(updateIncidentOperation, async ({ ctx, params, body }) =>
  ok(await updateIncident(ctx, params.id, body)),
);

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
