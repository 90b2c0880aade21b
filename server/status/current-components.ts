import { checkAuthBus, checkDatabase, checkRedis } from "./checks";
import { COMPONENTS, type ComponentId, type ComponentStatus } from "./schemas";

export interface ComponentNow {
  id: ComponentId;
  name: string;
  status: ComponentStatus;
  detail: string;
}

/**
 * The state of each component as this instance sees it now. The API is down without its
 * database (503s); Redis and the bus only degrade it: limits per instance, caches bypassed.
 */
export async function currentComponents(): Promise<ComponentNow[]> {
  const [database, redis] = await Promise.all([checkDatabase(), checkRedis()]);
  const bus =
    database.status === "ok"
      ? await checkAuthBus()
      : { status: "failing" as const, detail: "the database is not answering" };
  const states: Record<ComponentId, Omit<ComponentNow, "id" | "name">> = {
    api:
      database.status === "ok"
        ? { status: "operational", detail: "Answering requests" }
        : { status: "outage", detail: "Answering 503 while the database is unreachable" },
    database:
      database.status === "ok"
        ? {
            status: "operational",
            detail: database.detail === "pglite" ? "Embedded" : "PostgreSQL",
          }
        : { status: "outage", detail: "Not answering" },
    cache:
      redis.status === "not_configured"
        ? { status: "operational", detail: "in-memory" }
        : redis.status === "ok"
          ? { status: "operational", detail: "Redis" }
          : { status: "degraded", detail: "Redis not answering: limits enforced per instance" },
    bus:
      bus.status === "ok"
        ? {
            status: "operational",
            detail: bus.detail === "in-process" ? "In-process" : "LISTEN/NOTIFY",
          }
        : {
            status: "degraded",
            detail: "Not heard: caches bypassed, every request reads the database",
          },
  };
  return COMPONENTS.map((c) => ({ ...c, ...states[c.id] }));
}
