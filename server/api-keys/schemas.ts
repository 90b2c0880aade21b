import { z } from "zod";
import { now } from "@/lib/clock";
import { isId } from "@/lib/ids";
import { pageQuerySchema } from "@/server/http/pagination";
import { scopeSchema } from "@/server/scopes/catalogue";

export const API_KEY_NAME_MAX = 100;
export const MAX_GRACE_SECONDS = 7 * 24 * 60 * 60;

const nameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? "name is required" : "name must be a string"),
  })
  .trim()
  .min(1, "name is required")
  .max(API_KEY_NAME_MAX, `name must be at most ${API_KEY_NAME_MAX} characters`);

export const createApiKeySchema = z
  .object({
    name: nameSchema,
    scopes: z
      .array(scopeSchema, { error: "scopes must be an array of scope names" })
      .min(1, "choose at least one scope")
      .refine((s) => new Set(s).size === s.length, "scopes must not repeat"),
    // A past date would make a key that is born dead and answers 401 with no hint why.
    expires_at: z.iso
      .datetime({ offset: true, error: "expires_at must be an ISO 8601 date-time" })
      .refine((value) => new Date(value).getTime() > now().getTime(), {
        error: (issue) => `${String(issue.input)} is in the past: expires_at must be in the future`,
      })
      .nullable()
      .optional(),
  })
  .meta({ id: "CreateApiKeyRequest" });

export const updateApiKeySchema = z
  .object({ name: nameSchema })
  .meta({ id: "UpdateApiKeyRequest" });

export const rotateApiKeySchema = z
  .object({
    grace_seconds: z
      .number({ error: "grace_seconds must be a number of seconds" })
      .int("grace_seconds must be a whole number of seconds")
      .min(0, "grace_seconds must be 0 (revoke now) or more")
      .max(MAX_GRACE_SECONDS, `grace_seconds must be at most ${MAX_GRACE_SECONDS} (7 days)`)
      .default(0),
  })
  .meta({ id: "RotateApiKeyRequest" });

export const API_KEY_STATUSES = ["active", "expiring_soon", "expired", "revoked"] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

export const API_KEY_SEARCH_MAX = 100;

const statusFilterSchema = z
  .string()
  .meta({
    description: `\`all\` (the default), or one or more of ${API_KEY_STATUSES.map((s) => `\`${s}\``).join(", ")} separated by commas`,
    example: "active,expiring_soon",
  })
  .transform((value, ctx): ApiKeyStatus[] | "all" => {
    if (value === "all") return "all";
    const wanted = value.split(",");
    const unknown = wanted.filter((s) => !(API_KEY_STATUSES as readonly string[]).includes(s));
    if (unknown.length > 0 || wanted.length === 0) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `status must be all, or a comma-separated list of ${API_KEY_STATUSES.join(", ")}`,
      });
      return z.NEVER;
    }
    return [...new Set(wanted as ApiKeyStatus[])];
  })
  .default("all");

export const listApiKeysQuerySchema = pageQuerySchema("key").extend({
  status: statusFilterSchema,
  q: z
    .string()
    .trim()
    .max(API_KEY_SEARCH_MAX, `q must be at most ${API_KEY_SEARCH_MAX} characters`)
    // An empty search box searches for nothing in particular: every key.
    .transform((q) => q || undefined)
    .optional()
    .meta({ description: "Part of the key's name or prefix, or its id (case-insensitive)" }),
  created_by: z
    .string()
    .refine((id) => isId("usr", id), "created_by must be a user id (usr_…)")
    .optional()
    .meta({ description: "Only keys this user created" }),
});

export type ListApiKeysQuery = z.infer<typeof listApiKeysQuerySchema>;

export const publicApiKeySchema = z
  .object({
    id: z.string().meta({ example: "key_3hT9xQ2mVb7Lk0PzR1aD" }),
    organization_id: z.string(),
    name: z.string(),
    environment: z.enum(["live", "test"]),
    prefix: z
      .string()
      .meta({ description: "The first characters of the key", example: "vlt_live_Ab3d" }),
    last4: z.string().meta({ description: "The last four characters of the key" }),
    scopes: z.array(scopeSchema),
    created_by: z.string().meta({ description: "Id of the user who created the key" }),
    creator: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    created_at: z.iso.datetime(),
    expires_at: z.iso.datetime().nullable(),
    last_used_at: z.iso.datetime().nullable(),
    revoked_at: z.iso.datetime().nullable(),
    status: z.enum(API_KEY_STATUSES),
    rotated_from: z.string().nullable().meta({ description: "The key this one replaced" }),
    replaced_by: z.string().nullable().meta({ description: "The key that replaced this one" }),
  })
  .meta({ id: "ApiKey" });

export const createdApiKeySchema = publicApiKeySchema
  .extend({
    key: z.string().meta({ description: "The secret. Returned once, never again." }),
  })
  .meta({ id: "CreatedApiKey" });

export const rotatedApiKeySchema = createdApiKeySchema
  .extend({ previous_key: publicApiKeySchema })
  .meta({ id: "RotatedApiKey" });

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
export type RotateApiKeyInput = z.infer<typeof rotateApiKeySchema>;
