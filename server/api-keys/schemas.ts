import { z } from "zod";
import {
  ALLOWED_IP_MAX_LENGTH,
  allowedIpProblem,
  MAX_ALLOWED_IPS,
  normalizeAllowedIp,
} from "@/lib/allowed-ips";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { isId } from "@/lib/ids";
import { pageQuerySchema } from "@/server/core/pagination";
import { AUTHENTICATED_LIMIT } from "@/server/rate-limit/rate-limiter";
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

const scopesSchema = z
  .array(scopeSchema, { error: "scopes must be an array of scope names" })
  .min(1, "choose at least one scope")
  .refine((s) => new Set(s).size === s.length, "scopes must not repeat");

/**
 * Addresses and CIDR ranges, each normalized (normalizeAllowedIp) and deduplicated; a bad entry
 * fails with its index in the field (`allowed_ips.3`) and its text in the message.
 */
export const allowedIpsSchema = z
  .array(
    z
      .string({ error: "each entry must be a string" })
      .max(ALLOWED_IP_MAX_LENGTH, `each entry must be at most ${ALLOWED_IP_MAX_LENGTH} characters`),
    { error: "allowed_ips must be an array of IP addresses or CIDR ranges" },
  )
  .max(MAX_ALLOWED_IPS, `allowed_ips takes at most ${MAX_ALLOWED_IPS} entries`)
  .transform((entries, ctx) => {
    const normalized: string[] = [];
    entries.forEach((entry, index) => {
      const canonical = normalizeAllowedIp(entry);
      if (canonical === null) {
        ctx.issues.push({
          code: "custom",
          input: entry,
          path: [index],
          message: allowedIpProblem(entry) ?? "not an address",
        });
      } else if (!normalized.includes(canonical)) {
        normalized.push(canonical);
      }
    });
    return normalized;
  })
  .meta({
    description: `Up to ${MAX_ALLOWED_IPS} IPv4/IPv6 addresses or CIDR ranges the key may be used from; empty means anywhere. Stored normalized: single addresses plain, ranges as network/prefix, IPv4-mapped IPv6 as IPv4, duplicates removed.`,
    example: ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"],
  });

/** A key's own limit: 1 up to RATE_LIMIT_KEY_MAX (checked when parsed, env may change). */
export const rateLimitPerMinuteSchema = z
  .number({ error: "rate_limit_per_minute must be a number of requests" })
  .int("rate_limit_per_minute must be a whole number")
  .min(1, "rate_limit_per_minute must be at least 1")
  .superRefine((value, ctx) => {
    const max = env().RATE_LIMIT_KEY_MAX;
    if (value > max) {
      ctx.addIssue({
        code: "custom",
        message: `rate_limit_per_minute must be at most ${max}, this server's maximum`,
      });
    }
  })
  .meta({
    description: `Requests per minute for this key, from 1 up to the server's RATE_LIMIT_KEY_MAX (10,000 unless configured); null or absent: the default of ${AUTHENTICATED_LIMIT}.`,
    example: 120,
  });

/** An expiry: an ISO 8601 date-time in the future. */
const futureExpirySchema = z.iso
  .datetime({ offset: true, error: "expires_at must be an ISO 8601 date-time" })
  .refine((value) => new Date(value).getTime() > now().getTime(), {
    error: (issue) => `${String(issue.input)} is in the past: expires_at must be in the future`,
  });

/** A key's expiry, or null for a key that never expires. */
const expiresAtSchema = futureExpirySchema.nullable();

export const createApiKeySchema = z
  .object({
    name: nameSchema,
    scopes: scopesSchema,
    // A past date would make a key that is born dead and answers 401 with no hint why.
    expires_at: expiresAtSchema.optional(),
    allowed_ips: allowedIpsSchema.optional(),
    rate_limit_per_minute: rateLimitPerMinuteSchema.nullable().optional(),
  })
  .meta({ id: "CreateApiKeyRequest" });

export const updateApiKeySchema = z
  .object({
    name: nameSchema.optional(),
    allowed_ips: allowedIpsSchema.optional(),
    rate_limit_per_minute: rateLimitPerMinuteSchema.nullable().optional(),
    scopes: scopesSchema.optional().meta({
      description:
        "A subset of the key's current scopes: scopes can only be removed in place; widening needs a new key.",
    }),
    expires_at: futureExpirySchema.optional().meta({
      description:
        "Bring the key's expiry forward (to meet the organization's maximum lifetime, or to retire it on a date); never later than it is: rotate for that.",
    }),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "send at least one of name, allowed_ips, rate_limit_per_minute, scopes, expires_at",
  )
  .meta({ id: "UpdateApiKeyRequest" });

export const rotateApiKeySchema = z
  .object({
    expires_at: expiresAtSchema.optional().meta({
      description:
        "When the new key expires (null: never). Omitted: the old key's lifetime (expiry minus creation) counted from now, so a rotation renews a key rather than carrying its old end date.",
    }),
    grace_seconds: z
      .number({ error: "grace_seconds must be a number of seconds" })
      .int("grace_seconds must be a whole number of seconds")
      .min(0, "grace_seconds must be 0 (revoke now) or more")
      .max(MAX_GRACE_SECONDS, `grace_seconds must be at most ${MAX_GRACE_SECONDS} (7 days)`)
      .default(0),
  })
  .meta({ id: "RotateApiKeyRequest" });

export const DENY_REASON_MAX = 500;

export const denyApiKeySchema = z
  .object({
    reason: z
      .string()
      .trim()
      .max(DENY_REASON_MAX, `reason must be at most ${DENY_REASON_MAX} characters`)
      // A blank reason is no reason: the key's owner is told only that it was denied.
      .transform((reason) => reason || undefined)
      .optional()
      .meta({ description: "Why, for the key's owner (mailed to them and kept in the audit log)" }),
  })
  .meta({ id: "DenyApiKeyRequest" });

export const API_KEY_STATUSES = [
  "active",
  "expiring_soon",
  "pending_approval",
  "expired",
  "revoked",
] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

export const API_KEY_SEARCH_MAX = 100;

/**
 * The list's status filter values: `expiring` is the key status `expiring_soon` (active, expiring
 * within 7 days); `expiring_soon` itself, the filter's first name, keeps working.
 */
const STATUS_FILTERS: Record<string, ApiKeyStatus> = {
  active: "active",
  expiring: "expiring_soon",
  expiring_soon: "expiring_soon",
  expired: "expired",
  revoked: "revoked",
  pending: "pending_approval",
  pending_approval: "pending_approval",
};
const DOCUMENTED_FILTERS = ["active", "expiring", "pending", "expired", "revoked"];

const statusFilterSchema = z
  .string()
  .meta({
    description: `\`all\` (the default), or one or more of ${DOCUMENTED_FILTERS.map((s) => `\`${s}\``).join(", ")} separated by commas. \`expiring\`: keys that work now and expire within 7 days (their \`status\` is \`expiring_soon\`).`,
    example: "expiring",
  })
  .transform((value, ctx): ApiKeyStatus[] | "all" => {
    if (value === "all") return "all";
    const wanted = value.split(",");
    const unknown = wanted.filter((s) => !Object.hasOwn(STATUS_FILTERS, s));
    if (unknown.length > 0 || wanted.length === 0) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `status must be all, or a comma-separated list of ${DOCUMENTED_FILTERS.join(", ")}`,
      });
      return z.NEVER;
    }
    return [...new Set(wanted.map((s) => STATUS_FILTERS[s] as ApiKeyStatus))];
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
  expires_after: z.iso
    .datetime({ offset: true, error: "expires_after must be an ISO 8601 date-time" })
    .transform((value) => new Date(value))
    .optional()
    .meta({
      description:
        "Only keys that expire after this instant, or never: with `status=active,expiring`, the keys a maximum lifetime (the organization's `max_key_lifetime_days`) would not allow today.",
    }),
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
    last_used_ip: z
      .string()
      .nullable()
      .meta({ description: "Client address of the call that set last_used_at" }),
    allowed_ips: z.array(z.string()).meta({
      description: "Addresses and CIDR ranges the key works from; empty: anywhere",
      example: ["203.0.113.7", "10.0.0.0/8"],
    }),
    rate_limit_per_minute: z
      .number()
      .int()
      .nullable()
      .meta({
        description: `The key's own limit in requests per minute; null: the default of ${AUTHENTICATED_LIMIT}`,
      }),
    revoked_at: z.iso.datetime().nullable(),
    status: z.enum(API_KEY_STATUSES),
    rotated_from: z.string().nullable().meta({ description: "The key this one replaced" }),
    replaced_by: z.string().nullable().meta({ description: "The key that replaced this one" }),
    approval: z.enum(["pending", "approved", "denied"]).nullable().meta({
      description:
        "Set when the organization required an admin's approval of the key: `pending` (the key answers 401 `pending_approval` until then), `approved` or `denied` (and revoked); null: no approval was needed.",
    }),
    approval_decided_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });

export const apiKeyDetailSchema = publicApiKeySchema
  .extend({
    scopes_used_30d: z.array(scopeSchema).meta({
      description:
        "The key's scopes it used in the last 30 days (including the keys it was rotated from): each route called, mapped to the scope the route requires. Refused calls (401, 403, 429) do not count.",
      example: ["read:users"],
    }),
    scopes_observed_since: z.iso.datetime().meta({
      description:
        "Since when the key's calls have been watched: when the first key of its rotation chain was made. A scope unused by a key observed for less than 7 days says little yet, and the dashboard offers to remove it only after that.",
      example: "2026-11-02T09:30:00.000Z",
    }),
  })
  .meta({ id: "ApiKeyDetail" });

export const createdApiKeySchema = publicApiKeySchema
  .extend({
    key: z.string().meta({ description: "The secret. Returned once, never again." }),
  })
  .meta({ id: "CreatedApiKey" });

export const rotatedApiKeySchema = createdApiKeySchema
  .extend({ previous_key: publicApiKeySchema })
  .meta({ id: "RotatedApiKey" });

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
export type UpdateApiKeyInput = z.infer<typeof updateApiKeySchema>;
export type RotateApiKeyInput = z.infer<typeof rotateApiKeySchema>;
export type DenyApiKeyInput = z.infer<typeof denyApiKeySchema>;
