import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { statusOperation } from "@/server/status/operations";
import { cachedStatusReport } from "@/server/status/status-report";

export const dynamic = "force-dynamic";

// Public and the same for everyone: shared caches may keep it as long as this instance does.
export const GET = withPublicApi(statusOperation, async () =>
  ok(await cachedStatusReport(), { "Cache-Control": "public, max-age=10" }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
