import { checkHealth } from "@/server/health";
import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { healthOperation } from "@/server/openapi/operations";

export const dynamic = "force-dynamic";

export const GET = withPublicApi(healthOperation, async () => json(await checkHealth()));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
