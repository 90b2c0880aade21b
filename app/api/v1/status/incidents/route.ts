import { otherMethods } from "@/server/http/method-not-allowed";
import { created } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createIncident } from "@/server/status/create-incident";
import { createIncidentOperation } from "@/server/status/operations";

export const POST = withApi(createIncidentOperation, async ({ ctx, body }) =>
  created(await createIncident(ctx, body)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
