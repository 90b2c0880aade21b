import { z } from "zod";
import { isId } from "@/lib/ids";
import { checkRange, dateBound } from "@/server/core/date-bound";
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

export const auditLogFiltersSchema = z.object(auditLogFilterFields).superRefine(checkRange);
export type AuditLogFilters = z.output<typeof auditLogFiltersSchema>;

export const listAuditLogsQuerySchema = pageQuerySchema("aud")
  .extend(auditLogFilterFields)
  .superRefine(checkRange);
export type ListAuditLogsQuery = z.output<typeof listAuditLogsQuerySchema>;
