import { otherMethods } from "@/server/http/method-not-allowed";
import { created, NO_STORE, pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createWebhook } from "@/server/webhooks/create-webhook";
import { listWebhooks } from "@/server/webhooks/list-webhooks";
import { createWebhookOperation, listWebhooksOperation } from "@/server/webhooks/operations";

export const GET = withApi(listWebhooksOperation, async ({ ctx, query }) =>
  pageResponse(await listWebhooks(ctx, query)),
);

// The signing secret is in data.secret, shown this once.
export const POST = withApi(createWebhookOperation, async ({ ctx, body }) =>
  created(await createWebhook(ctx, body), NO_STORE),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
