import { checkHealth } from "@/server/health";
import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";

export const dynamic = "force-dynamic";

// GET /api/v1/health: liveness and database readiness for load balancers and the status page
export const GET = withPublicApi({ route: "/health" }, async () => json(await checkHealth()));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
