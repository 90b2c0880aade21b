import { z } from "zod";
import { checkRange, dateBound } from "@/server/core/date-bound";
import { pageQuerySchema } from "@/server/core/pagination";

/** One request as the log serves it: what was asked, by which credential, and how it ended. */
export const requestLogEntrySchema = z
  .object({
    request_id: z.string().meta({
      description: "The `X-Request-Id` the caller received",
      example: "req_7Hq2LmX9vPz4Tb1Kc8Wd",
    }),
    created_at: z.iso.datetime(),
    method: z.string().meta({ example: "GET" }),
    route: z.string().meta({ description: "The route pattern", example: "/api-keys/{id}" }),
    path: z.string().meta({ example: "/api/v1/api-keys/key_3hT9xQ2mVb7Lk0PzR1aD" }),
    status: z.number().int().meta({ example: 200 }),
    error_code: z.string().nullable().meta({ description: "The error's `code`; null for a 2xx" }),
    reason: z.string().nullable().meta({
      description: "A refusal's `details.reason` (`revoked`, `missing_scope`, `ip_not_allowed`…)",
    }),
    hint: z.string().nullable().meta({ description: "What to do about this answer, if it failed" }),
    latency_ms: z.number().meta({ example: 4.21 }),
    ip: z.string().meta({ example: "203.0.113.7" }),
    user_agent: z.string().nullable(),
    credential: z.object({
      type: z.enum(["api_key", "access_token", "oauth"]),
      id: z.string().meta({ description: "The key, token or grant id: never the secret" }),
    }),
    user_id: z.string().meta({ description: "Who holds the credential" }),
    organization_id: z.string(),
  })
  .meta({ id: "RequestLogEntry" });

export type RequestLogEntryView = z.infer<typeof requestLogEntrySchema>;

/** `4xx` (a class) or `401` (one status). */
const statusFilterSchema = z
  .string()
  .meta({ description: "A status (`401`) or a class (`4xx`)", example: "4xx" })
  .transform((value, ctx): { from: number; to: number } => {
    const klass = /^([1-5])xx$/i.exec(value);
    if (klass) return { from: Number(klass[1]) * 100, to: Number(klass[1]) * 100 + 99 };
    if (/^[1-5]\d\d$/.test(value)) return { from: Number(value), to: Number(value) };
    ctx.issues.push({
      code: "custom",
      input: value,
      message: "status must be a status such as 401 or a class such as 4xx",
    });
    return z.NEVER;
  })
  .optional();

const CREDENTIAL_ID = /^(key|tok|grant)_[0-9A-Za-z]{8,40}$/;

export const listRequestLogsQuerySchema = pageQuerySchema("req")
  .extend({
    key_id: z
      .string()
      .refine((id) => CREDENTIAL_ID.test(id), "key_id must be a key, token or grant id (key_…)")
      .optional()
      .meta({ description: "Only the requests of this key (or user token, or OAuth grant)" }),
    status: statusFilterSchema,
    route: z
      .string()
      .max(200, "route must be at most 200 characters")
      .transform((route) => route.replace(/^\/api\/v1(?=\/)/, ""))
      .optional()
      .meta({
        description: "Only this route pattern, with or without `/api/v1`",
        example: "/api-keys/{id}",
      }),
    from: dateBound("from"),
    to: dateBound("to"),
  })
  .superRefine(checkRange);
export type ListRequestLogsQuery = z.output<typeof listRequestLogsQuerySchema>;
