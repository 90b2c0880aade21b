import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { resendDeliveryOperation } from "@/server/webhooks/operations";
import { resendDelivery } from "@/server/webhooks/resend-delivery";

export const POST = withApi(resendDeliveryOperation, async ({ ctx, params }) =>
  json({ data: await resendDelivery(ctx, params.id, params.delivery_id) }, 202),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
