import Link from "next/link";
import {
  actionLabel,
  entrySummary,
  missingActorLabel,
} from "@/components/audit-log/audit-action-labels";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditEntryView } from "@/server/audit/schemas";

/** The organization's latest audit entries, for those who may read its log. */
export function RecentAuditEvents({ entries }: { entries: AuditEntryView[] }) {
  return (
    <Panel id="recent-activity" title="Recent activity" description="The latest audit log entries.">
      {entries.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">Nothing has happened here yet.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100">
          {entries.map((entry) => {
            const summary = entrySummary(entry.metadata);
            return (
              <li
                key={entry.id}
                className="flex flex-col gap-x-4 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-baseline sm:justify-between"
              >
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{actionLabel(entry.action)}</p>
                  <p className="truncate text-sm text-slate-600">
                    {entry.actor
                      ? (entry.actor.name ?? entry.actor.email)
                      : missingActorLabel(entry.credential)}
                    {summary ? ` · ${summary}` : ""}
                  </p>
                </div>
                <RelativeTime
                  date={entry.created_at}
                  tense="past"
                  className="shrink-0 text-sm text-slate-500"
                />
              </li>
            );
          })}
        </ul>
      )}
      <p className="mt-4 text-sm">
        <Link href="/settings/audit-log" className="font-medium text-brand-700 hover:underline">
          View the audit log
        </Link>
      </p>
    </Panel>
  );
}
