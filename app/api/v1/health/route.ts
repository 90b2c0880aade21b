import { getDbHandle } from "@/db";
import { ApiError } from "@/server/http/api-error";
import { otherMethods } from "@/server/http/method-not-allowed";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";

export const dynamic = "force-dynamic";

// GET /api/v1/health: liveness and database readiness for load balancers and the status page.
export const GET = withPublicApi({ route: "/health" }, async () => {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await handle.ping();
    return json({
      status: "ok",
      database: {
        status: "ok",
        mode: handle.mode,
        latency_ms: Math.round(performance.now() - started),
      },
      time: new Date().toISOString(),
    });
  } catch (error) {
    console.error("health: database check failed:", (error as Error).message);
    throw new ApiError("SERVICE_UNAVAILABLE", "The database is not answering");
  }
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
