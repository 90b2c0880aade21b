import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organizations, users } from "./tenancy";

export const auditLogs = pgTable(
  "audit_logs",
  {
    id: text().primaryKey(),
    organizationId: text().references(() => organizations.id, { onDelete: "cascade" }),
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    // The credential the actor used: a key id, a token id or "session".
    actorTokenId: text(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    ip: text(),
    metadata: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_logs_organization_idx").on(t.organizationId, t.createdAt),
    index("audit_logs_target_idx").on(t.targetId, t.createdAt),
    // The audit log's filters: one person's actions, one kind of action, newest first.
    index("audit_logs_actor_idx").on(t.organizationId, t.actorUserId, t.createdAt),
    index("audit_logs_action_idx").on(t.organizationId, t.action, t.createdAt),
    // Retention deletes the oldest entries of every organization in batches.
    index("audit_logs_created_at_idx").on(t.createdAt),
  ],
);
