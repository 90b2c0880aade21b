import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { parseOrThrow } from "@/server/http/validation";
import { withApi } from "@/server/http/with-api";
import { keyUsageReport } from "@/server/usage/key-usage-report";
import { usageQuerySchema } from "@/server/usage/schemas";

// GET /api/v1/api-keys/:id/usage?from=&to=&interval=: request counts for the key's usage chart
export const GET = withApi<{ id: string }>(
  { route: "/api-keys/{id}/usage", scope: "read:api-keys" },
  async ({ req, ctx, params }) => {
    const query = parseOrThrow(usageQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
    return ok(await keyUsageReport(ctx, params.id, query));
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
