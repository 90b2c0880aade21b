import { z } from "zod";
import { ApiError } from "@/server/core/api-error";
import {
  type Check,
  checkAuthBus,
  checkDatabase,
  checkDraining,
  checkMigrations,
  checkRedis,
  checkSchema,
} from "./checks";

export const readinessChecksSchema = z.object({
  database: checkSchema,
  redis: checkSchema,
  auth_bus: checkSchema,
  migrations: checkSchema,
  draining: checkSchema,
});

export const readinessSchema = z
  .object({
    status: z.enum(["ready", "degraded"]),
    checks: readinessChecksSchema,
    time: z.iso.datetime(),
  })
  .meta({ id: "Readiness" });
export type Readiness = z.infer<typeof readinessSchema>;

/**
 * Should this instance get traffic? Not while draining (SIGTERM), nor without its database or
 * with migrations pending: 503 SERVICE_UNAVAILABLE, `details.checks` naming each check. Redis and
 * the auth bus are reported (`degraded`) but do not take the instance out: without them it still
 * answers correctly (per-instance rate limits, caches bypassed), and since every instance shares
 * them, failing readiness on them would take the whole fleet out at once.
 */
export async function checkReadiness(): Promise<Readiness> {
  const draining = checkDraining();
  const [database, redis, migrations] = await Promise.all([
    checkDatabase(),
    checkRedis(),
    checkMigrations(),
  ]);
  // After the database: with PostgreSQL the bus rides on it, and a first LISTEN needs it up.
  const authBus: Check =
    database.status === "ok"
      ? await checkAuthBus()
      : { status: "failing", detail: "the database is not answering" };
  const checks = { database, redis, auth_bus: authBus, migrations, draining };
  if ([database, migrations, draining].some((c) => c.status === "failing")) {
    throw new ApiError("SERVICE_UNAVAILABLE", "This instance is not ready for traffic", {
      checks,
    });
  }
  const degraded = [redis, authBus].some((c) => c.status === "failing");
  return { status: degraded ? "degraded" : "ready", checks, time: new Date().toISOString() };
}
