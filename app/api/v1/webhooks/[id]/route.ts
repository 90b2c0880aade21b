import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { deleteWebhook } from "@/server/webhooks/delete-webhook";
import { getWebhook } from "@/server/webhooks/get-webhook";
import {
  deleteWebhookOperation,
  getWebhookOperation,
  updateWebhookOperation,
} from "@/server/webhooks/operations";
import { updateWebhook } from "@/server/webhooks/update-webhook";

export const GET = withApi(getWebhookOperation, async ({ ctx, params }) =>
  ok(await getWebhook(ctx, params.id)),
);

export const PATCH = withApi(updateWebhookOperation, async ({ ctx, params, body }) =>
  ok(await updateWebhook(ctx, params.id, body)),
);

export const DELETE = withApi(deleteWebhookOperation, async ({ ctx, params }) =>
  ok({ ...(await deleteWebhook(ctx, params.id)), deleted: true }),
);

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
