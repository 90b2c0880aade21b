import { z } from "zod";
import { isId } from "@/lib/ids";
import { pageQuerySchema } from "@/server/core/pagination";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditAction } from "./record-audit";

/** One audit entry as the API serves it: the organization's log and a key's trail alike. */
export const auditEntrySchema = z
  .object({
    id: z.string().meta({ example: "aud_8fK2mQ9xLb4Tz7Vw1cNp" }),
    action: z.enum(AUDIT_ACTIONS),
    actor: z
      .object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .meta({ description: "Who acted; null once their account is gone" }),
    credential: z.string().nullable().meta({
      description: 'Key or token id used, or "session"; null where the viewer may not see it',
    }),
    target: z.object({ type: z.enum(AUDIT_TARGET_TYPES), id: z.string() }),
    ip: z.string().nullable().meta({ description: "null where the viewer may not see it" }),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "AuditEntry" });

export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** The years a filter date may name: PostgreSQL accepts every one of them. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
const DAY_MS = 86_400_000;

/**
 * `from`/`to`: an ISO 8601 date-time with offset, or a date (UTC midnight). A date given as `to`
 * means through the end of that day, as a person reading "to 2026-03-31" expects.
 */
function dateBound(field: "from" | "to") {
  return z
    .string()
    .meta({
      description:
        field === "from"
          ? "Entries at or after this ISO 8601 date-time or date (UTC)"
          : "Entries before this ISO 8601 date-time, or through the end of this date (UTC)",
      example: field === "from" ? "2026-01-01" : "2026-01-31T23:59:59Z",
    })
    .transform((value, ctx) => {
      const isDate = z.iso.date().safeParse(value).success;
      const isDateTime = z.iso.datetime({ offset: true }).safeParse(value).success;
      const ms = Date.parse(isDate ? `${value}T00:00:00Z` : value);
      const year = new Date(ms).getUTCFullYear();
      if ((!isDate && !isDateTime) || Number.isNaN(ms) || year < MIN_YEAR || year > MAX_YEAR) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `${field} must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z) between ${MIN_YEAR} and ${MAX_YEAR}`,
        });
        return z.NEVER;
      }
      return new Date(isDate && field === "to" ? ms + DAY_MS : ms);
    })
    .optional();
}

const actionFilterSchema = z
  .string()
  .meta({
    description: `One action or several separated by commas: ${AUDIT_ACTIONS.map((a) => `\`${a}\``).join(", ")}`,
    example: "api_key.created,api_key.revoked",
  })
  .transform((value, ctx): AuditAction[] => {
    const wanted = value.split(",").map((a) => a.trim());
    const unknown = wanted.filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a));
    if (unknown.length > 0) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `unknown action ${JSON.stringify(unknown[0])}: use one or more of ${AUDIT_ACTIONS.join(", ")}`,
      });
      return z.NEVER;
    }
    return [...new Set(wanted as AuditAction[])];
  })
  .optional();

const TARGET_ID = /^[a-z]+_[0-9A-Za-z]{8,40}$/;

/** The filters of the audit log, shared by the JSON list and the CSV export. */
const auditLogFilterFields = {
  actor: z
    .string()
    .refine((id) => isId("usr", id), "actor must be a user id (usr_…)")
    .optional()
    .meta({ description: "Only what this user did" }),
  action: actionFilterSchema,
  target: z
    .string()
    .refine((id) => TARGET_ID.test(id), "target must be an id such as key_…, usr_… or inv_…")
    .optional()
    .meta({ description: "Only entries about this key, user, invitation, organization…" }),
  from: dateBound("from"),
  to: dateBound("to"),
};

function checkRange(q: { from?: Date; to?: Date }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from.getTime() > q.to.getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
  }
}

export const auditLogFiltersSchema = z.object(auditLogFilterFields).superRefine(checkRange);
export type AuditLogFilters = z.output<typeof auditLogFiltersSchema>;

export const listAuditLogsQuerySchema = pageQuerySchema("aud")
  .extend(auditLogFilterFields)
  .superRefine(checkRange);
export type ListAuditLogsQuery = z.output<typeof listAuditLogsQuerySchema>;
