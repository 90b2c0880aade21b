import { z } from "zod";
import { limitSchema } from "@/server/core/pagination";
import { credentialCursorSchema } from "./credential-cursor";

export const CREDENTIAL_TYPES = ["api_key", "session", "user_token", "oauth_grant"] as const;
export type InventoryType = (typeof CREDENTIAL_TYPES)[number];

// A browser session's own id is its JWT's `sid` (22 base64url characters, no prefix of ours):
// the inventory names it `ses_<sid>` so that every id says which kind of credential it is.
export const SESSION_ITEM_PREFIX = "ses_";
const CREDENTIAL_ID = /^(?:(?:key|fam|grant)_[0-9A-Za-z]{8,40}|ses_[A-Za-z0-9_-]{22})$/;
const USER_ID = /^usr_[0-9A-Za-z]{8,40}$/;
// Ten years: more than any credential of ours lives, less than a date PostgreSQL refuses.
const MAX_DAYS = 3650;
export const MAX_REVOKE_IDS = 100;

/** Which kind of credential an inventory id names (the schema already checked its shape). */
export function typeOfId(id: string): InventoryType {
  if (id.startsWith("key_")) return "api_key";
  if (id.startsWith("fam_")) return "user_token";
  if (id.startsWith("grant_")) return "oauth_grant";
  return "session";
}

/** One credential that works today, whatever its kind, as Settings > Credentials lists it. */
export const credentialItemSchema = z
  .object({
    id: z.string().meta({
      description:
        "`key_…` (API key), `ses_…` (browser session), `fam_…` (one sign-in's user access and refresh tokens), `grant_…` (OAuth grant)",
      example: "key_3hT9xQ2mVb7Lk0PzR1aD",
    }),
    type: z.enum(CREDENTIAL_TYPES),
    name: z.string().meta({
      description:
        "The key's name, the session's browser and system, `User token`, or the app's name",
      example: "CI deploys",
    }),
    holder: z
      .object({ id: z.string(), name: z.string(), email: z.string() })
      .meta({ description: "The user the credential acts as" }),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable().meta({
      description:
        "Last request (keys, grants; user tokens to the minute) or page view (sessions); null: never",
    }),
    expires_at: z.iso.datetime().nullable(),
    detail: z.string().nullable().meta({
      description:
        "`prefix…last4` of a key, the last address of a session, the client_id of a grant's app",
      example: "vlt_live_Ab3d…x9Qz",
    }),
  })
  .meta({ id: "Credential" });
export type CredentialItem = z.infer<typeof credentialItemSchema>;

function days(field: string) {
  return z.coerce
    .number({ error: `${field} must be a number of days` })
    .int(`${field} must be a whole number of days`)
    .min(1, `${field} must be at least 1`)
    .max(MAX_DAYS, `${field} must be at most ${MAX_DAYS}`);
}

export const listCredentialsQuerySchema = z.object({
  limit: limitSchema,
  cursor: credentialCursorSchema,
  member: z
    .string()
    .regex(USER_ID, "member must be a user id (usr_…)")
    .optional()
    .meta({ description: "Only this member's credentials" }),
  type: z
    .enum(CREDENTIAL_TYPES, { error: `type must be one of ${CREDENTIAL_TYPES.join(", ")}` })
    .optional()
    .meta({ description: "Only this kind of credential" }),
  unused_days: days("unused_days")
    .optional()
    .meta({ description: "Not used in the last N days (never used: counted from creation)" }),
  older_than_days: days("older_than_days")
    .optional()
    .meta({ description: "Created more than N days ago" }),
});
export type ListCredentialsQuery = z.output<typeof listCredentialsQuerySchema>;

// A JSON body has real numbers: no coercion from text here.
const bodyDays = z
  .number({ error: "unused_days must be a number of days" })
  .int("unused_days must be a whole number of days")
  .min(1, "unused_days must be at least 1")
  .max(MAX_DAYS, `unused_days must be at most ${MAX_DAYS}`);

export const revokeCredentialsSchema = z
  .strictObject({
    member_id: z
      .string({ error: "member_id must be a user id (usr_…)" })
      .regex(USER_ID, "member_id must be a user id (usr_…)")
      .optional()
      .meta({ description: "Every credential of this member in the organization" }),
    unused_days: bodyDays
      .optional()
      .meta({ description: "Every API key not used for N days (never used: since created)" }),
    ids: z
      .array(
        z
          .string({ error: "each id must be a string" })
          .regex(CREDENTIAL_ID, "Not a credential id (key_…, ses_…, fam_…, grant_…)"),
        { error: "ids must be an array of credential ids" },
      )
      .min(1, "ids must name at least one credential")
      .max(MAX_REVOKE_IDS, `ids names at most ${MAX_REVOKE_IDS} credentials`)
      .optional()
      .meta({ description: `Up to ${MAX_REVOKE_IDS} credentials of any kind, by id` }),
    dry_run: z.boolean({ error: "dry_run must be true or false" }).default(false).meta({
      description: "Count what would be revoked and change nothing (the confirm dialog's count)",
    }),
  })
  .superRefine((body, ctx) => {
    const given = (["member_id", "unused_days", "ids"] as const).filter(
      (field) => body[field] !== undefined,
    );
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [given[1] ?? "member_id"],
        message: "Give exactly one of member_id, unused_days or ids",
      });
    }
  });
export type RevokeCredentialsInput = z.output<typeof revokeCredentialsSchema>;

const byTypeSchema = z
  .object({
    api_key: z.number().int(),
    session: z.number().int(),
    user_token: z.number().int(),
    oauth_grant: z.number().int(),
  })
  .meta({ description: "The same count per kind of credential" });
export type ByType = z.infer<typeof byTypeSchema>;

export const revokeCredentialsResultSchema = z
  .union([
    z.object({ revoked: z.number().int(), by_type: byTypeSchema }),
    z.object({ would_revoke: z.number().int(), by_type: byTypeSchema }),
  ])
  .meta({
    id: "CredentialsRevoked",
    description: "`revoked`, or with `dry_run` `would_revoke`: how many credentials",
  });
export type RevokeCredentialsResult = z.infer<typeof revokeCredentialsResultSchema>;
