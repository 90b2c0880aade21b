import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { listRequestLogsQuerySchema, requestLogEntrySchema } from "./schemas";

export const listRequestLogsOperation = defineOperation({
  method: "GET",
  path: "/request-logs",
  summary: "List requests",
  description:
    "The `/api/v1` requests made with the organization's API keys, user tokens and OAuth grants, refusals included (a revoked, expired or misplaced key), newest first, a page at a time. Owners and admins read every credential's; a member reads their own. Entries are written within a second of the answer; bodies are never kept. Kept for `REQUEST_LOG_RETENTION_DAYS` (30 by default).",
  scope: "read:api-keys",
  query: listRequestLogsQuerySchema,
  response: {
    status: 200,
    schema: z.array(requestLogEntrySchema),
    description: "A page of requests, newest first",
    paginated: true,
  },
  errors: [],
});

export const getRequestLogOperation = defineOperation({
  method: "GET",
  path: "/request-logs/{request_id}",
  summary: "Get a request",
  description:
    "One request by the `X-Request-Id` its caller received, with what to do about it if it failed. Another organization's request is a 403; a request that is not in the log (or not yours to see) is a 404.",
  scope: "read:api-keys",
  params: z.object({ request_id: z.string() }),
  response: { status: 200, schema: requestLogEntrySchema, description: "The request" },
  errors: [404],
});

export const REQUEST_LOG_OPERATIONS = [listRequestLogsOperation, getRequestLogOperation];
