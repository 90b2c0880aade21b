import { checkHealth } from "@/server/health";
import { otherMethods } from "@/server/http/method-not-allowed";
import { healthOperation } from "@/server/http/operations";
import { json } from "@/server/http/responses";
import { withPublicApi } from "@/server/http/with-api";
import { runStartupTasks } from "@/server/users/first-run";

export const dynamic = "force-dynamic";

// The first call of a process also runs the startup tasks (the first-run setup link).
export const GET = withPublicApi(healthOperation, async ({ req }) => {
  const health = await checkHealth();
  await runStartupTasks(req);
  return json(health);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
