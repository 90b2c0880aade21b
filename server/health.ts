import { z } from "zod";
import { getDbHandle } from "@/db";
import { componentLogger } from "@/lib/logger";
import { ApiError } from "@/server/core/api-error";
import { describeError } from "@/server/core/to-api-error";

export const healthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.object({
      status: z.literal("ok"),
      mode: z.enum(["postgres", "pglite"]),
      latency_ms: z.number(),
    }),
    time: z.iso.datetime(),
  })
  .meta({ id: "Health" });

/** Liveness plus a round trip to the database; 503 while it does not answer. */
export async function checkHealth(): Promise<z.infer<typeof healthSchema>> {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await handle.ping();
    return {
      status: "ok",
      database: {
        status: "ok",
        mode: handle.mode,
        latency_ms: Math.round(performance.now() - started),
      },
      time: new Date().toISOString(),
    };
  } catch (error) {
    componentLogger("health").error(`database check failed: ${describeError(error)}`);
    throw new ApiError("SERVICE_UNAVAILABLE", "The database is not answering");
  }
}
