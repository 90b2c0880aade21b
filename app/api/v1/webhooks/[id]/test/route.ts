import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { sendTestWebhookOperation } from "@/server/webhooks/operations";
import { sendTestEvent } from "@/server/webhooks/send-test-event";

export const POST = withApi(sendTestWebhookOperation, async ({ ctx, params }) =>
  json({ data: await sendTestEvent(ctx, params.id) }, 202),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
