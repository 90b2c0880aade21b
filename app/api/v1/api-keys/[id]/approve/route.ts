import { approveApiKey } from "@/server/api-keys/approve-api-key";
import { approveApiKeyOperation } from "@/server/api-keys/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const POST = withApi(approveApiKeyOperation, async ({ ctx, params }) =>
  ok(await approveApiKey(ctx, params.id)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
