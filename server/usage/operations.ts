import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { keyUsageReportSchema, usageQuerySchema } from "./schemas";

export const apiKeyUsageOperation = defineOperation({
  method: "GET",
  path: "/api-keys/{id}/usage",
  summary: "API key usage",
  description:
    "Request counts over time by status class (2xx/4xx/5xx, 429s counted apart) and the busiest routes.",
  scope: "read:api-keys",
  params: z.object({ id: z.string() }),
  query: usageQuerySchema,
  response: { status: 200, schema: keyUsageReportSchema, description: "Totals, series and routes" },
  errors: [404],
});

export const USAGE_OPERATIONS = [apiKeyUsageOperation];
