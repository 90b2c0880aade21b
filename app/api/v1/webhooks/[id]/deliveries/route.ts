import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { listDeliveries } from "@/server/webhooks/list-deliveries";
import { listDeliveriesOperation } from "@/server/webhooks/operations";

export const GET = withApi(listDeliveriesOperation, async ({ ctx, params, query }) =>
  pageResponse(await listDeliveries(ctx, params.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
