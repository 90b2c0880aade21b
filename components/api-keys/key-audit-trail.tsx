"use client";

import { ErrorState } from "@/components/ui/error-state";
import { DateWithHint } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useKeyAuditLog } from "./api-key-queries";
import type { AuditEntry } from "./api-key-types";

const ACTIONS: Record<string, { label: string; tone: string }> = {
  "api_key.created": { label: "Created", tone: "bg-emerald-500" },
  "api_key.renamed": { label: "Renamed", tone: "bg-slate-400" },
  "api_key.updated": { label: "Updated", tone: "bg-sky-500" },
  "api_key.rotated": { label: "Rotated", tone: "bg-brand-500" },
  "api_key.revoked": { label: "Revoked", tone: "bg-red-500" },
};

function graceText(seconds: unknown): string {
  if (seconds === 0) return "the old key stopped working at once";
  if (seconds === 3600) return "the old key kept working for 1 hour";
  if (seconds === 86_400) return "the old key kept working for 24 hours";
  if (seconds === 604_800) return "the old key kept working for 7 days";
  return "";
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  allowed_ips: "Allowed IPs",
  rate_limit_per_minute: "Rate limit",
  scopes: "Scopes",
};

function changeValue(field: string, value: unknown): string {
  if (Array.isArray(value)) return value.length > 0 ? value.join(", ") : "anywhere";
  if (value === null) return field === "rate_limit_per_minute" ? "default" : "none";
  return field === "name" ? `“${String(value)}”` : String(value);
}

/** "Rate limit: default → 120; Allowed IPs: anywhere → 10.0.0.0/8". */
function changesText(changes: unknown): string | null {
  if (!changes || typeof changes !== "object") return null;
  const parts = Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>).map(
    ([field, change]) =>
      `${FIELD_LABELS[field] ?? field}: ${changeValue(field, change?.from)} → ${changeValue(field, change?.to)}`,
  );
  return parts.length > 0 ? parts.join("; ") : null;
}

/** An update that only changed the name reads as the rename it is. */
function actionOf(entry: AuditEntry): string {
  const changes = entry.metadata?.changes;
  const fields = changes && typeof changes === "object" ? Object.keys(changes) : [];
  return entry.action === "api_key.updated" && fields.length === 1 && fields[0] === "name"
    ? "api_key.renamed"
    : entry.action;
}

/** One line of detail for an event, from its metadata. */
function detail(entry: AuditEntry): string | null {
  const m = entry.metadata ?? {};
  switch (entry.action) {
    case "api_key.renamed":
      return typeof m.from === "string" && typeof m.to === "string"
        ? `“${m.from}” → “${m.to}”`
        : null;
    case "api_key.updated":
      return changesText(m.changes);
    case "api_key.rotated":
      return graceText(m.grace_seconds) || null;
    case "api_key.created":
      return Array.isArray(m.scopes) ? `Scopes: ${m.scopes.join(", ")}` : null;
    default:
      return null;
  }
}

/** Who created, renamed, rotated or revoked this key, newest first. */
export function KeyAuditTrail({
  organizationId,
  keyId,
}: {
  organizationId: string;
  keyId: string;
}) {
  const log = useKeyAuditLog(organizationId, keyId);

  if (log.isPending) {
    return (
      <div role="status" aria-label="Loading the audit trail" className="space-y-4">
        {[0, 1].map((i) => (
          <div key={i} className="flex gap-3">
            <Skeleton className="mt-1 size-2.5 rounded-full" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-48" />
              <Skeleton className="h-3 w-32" />
            </div>
          </div>
        ))}
      </div>
    );
  }
  if (log.isError) {
    return (
      <ErrorState
        title="The audit trail could not be loaded"
        message={log.error.message}
        onRetry={() => void log.refetch()}
        retrying={log.isFetching}
      />
    );
  }
  if (log.data.length === 0) {
    return <p className="text-sm text-slate-500">Nothing has happened to this key yet.</p>;
  }
  return (
    <ol aria-label="Audit trail" className="relative space-y-5">
      {log.data.map((entry, index) => {
        const action = ACTIONS[actionOf(entry)] ?? { label: entry.action, tone: "bg-slate-400" };
        const line = detail(entry);
        return (
          <li key={entry.id} className="relative flex gap-3">
            {index < log.data.length - 1 ? (
              <span
                aria-hidden="true"
                className="absolute top-4 bottom-[-1.25rem] left-[4.5px] w-px bg-slate-200"
              />
            ) : null}
            <span
              aria-hidden="true"
              className={`mt-1.5 size-2.5 shrink-0 rounded-full ${action.tone}`}
            />
            <div className="min-w-0 text-sm">
              <p className="text-slate-900">
                <span className="font-medium">{action.label}</span>
                <span className="text-slate-600">
                  {" "}
                  by {entry.actor?.name ?? entry.actor?.email ?? "a deleted user"}
                </span>
              </p>
              {line ? <p className="mt-0.5 text-xs break-words text-slate-600">{line}</p> : null}
              <p className="mt-0.5 text-xs text-slate-500">
                <DateWithHint date={entry.created_at} tense="past" inline />
                {entry.ip ? <> · from {entry.ip}</> : null}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
