import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { readinessOperation } from "@/server/status/operations";
import { checkReadiness } from "@/server/status/readiness";

export const dynamic = "force-dynamic";

// A probe's answer is about this instance, now: never from a cache on the way.
export const GET = withPublicApi(readinessOperation, async () =>
  json(await checkReadiness(), 200, { "Cache-Control": "no-store" }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
