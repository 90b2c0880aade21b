import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { AUDIT_CSV_COLUMNS } from "./audit-log-csv";
import { auditEntrySchema, auditLogFiltersSchema, listAuditLogsQuerySchema } from "./schemas";

export const listAuditLogsOperation = defineOperation({
  method: "GET",
  path: "/audit-logs",
  summary: "List the audit log",
  description:
    "Who did what in the organization (keys, tokens, members, invitations, roles, overrides), newest first, a page at a time: pass `next_cursor` as `cursor` for the next page. Filters combine.",
  scope: "read:audit-logs",
  query: listAuditLogsQuerySchema,
  response: {
    status: 200,
    schema: z.array(auditEntrySchema),
    description: "A page of entries, newest first",
    paginated: true,
  },
  errors: [],
});

export const exportAuditLogsOperation = defineOperation({
  method: "GET",
  path: "/audit-logs.csv",
  summary: "Export the audit log as CSV",
  description:
    "Every entry matching the filters of `GET /audit-logs`, newest first, streamed as one CSV file (RFC 4180, UTF-8, a header row). Cells a spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`) start with an apostrophe.",
  scope: "read:audit-logs",
  query: auditLogFiltersSchema,
  response: {
    status: 200,
    schema: z.string(),
    description: "The CSV file, as an attachment",
    download: {
      mediaType: "text/csv",
      example: `${AUDIT_CSV_COLUMNS.join(",")}\r\n2026-01-15T09:30:00.000Z,api_key.created,usr_4kP9sQ2mVb7Lk0PzR1aD,Ada Lovelace,ada@example.com,api_key,key_3hT9xQ2mVb7Lk0PzR1aD,203.0.113.7,session,"{""name"":""CI"",""scopes"":[""read:users""]}"\r\n`,
    },
  },
  errors: [],
});

export const getAuditEntryOperation = defineOperation({
  method: "GET",
  path: "/audit-logs/{id}",
  summary: "Get an audit entry",
  description:
    "One entry of the organization's log with its full `metadata`: for an update, each changed field's `from` and `to` (`changes` for a key, `from`/`to` for a role or a name). Another organization's entry is a 403; an id that exists nowhere is a 404.",
  scope: "read:audit-logs",
  params: z.object({ id: z.string() }),
  response: { status: 200, schema: auditEntrySchema, description: "The entry" },
  errors: [404],
});

export const AUDIT_LOG_OPERATIONS = [
  listAuditLogsOperation,
  exportAuditLogsOperation,
  getAuditEntryOperation,
];
