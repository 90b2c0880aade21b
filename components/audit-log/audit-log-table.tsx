"use client";

import type { AuditEntry } from "@/components/api-keys/api-key-types";
import { ExactTime, RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { actionLabel, entrySummary, missingActorLabel, targetLabel } from "./audit-action-labels";

function Actor({ entry }: { entry: AuditEntry }) {
  if (!entry.actor) {
    return <span className="text-slate-500">{missingActorLabel(entry.credential)}</span>;
  }
  return (
    <div className="min-w-0">
      <p className="truncate font-medium text-slate-900">{entry.actor.name ?? entry.actor.id}</p>
      {entry.actor.email ? (
        <p className="truncate text-xs text-slate-500">{entry.actor.email}</p>
      ) : null}
    </div>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  const summary = entrySummary(entry.metadata);
  return (
    <div className="min-w-0">
      <p className="truncate text-slate-700">
        {targetLabel(entry.target.type)}{" "}
        <code className="font-mono text-xs text-slate-500">{entry.target.id}</code>
      </p>
      {summary ? <p className="truncate text-xs text-slate-500">{summary}</p> : null}
    </div>
  );
}

/**
 * The entry's action, as the button that opens its detail. Its ::after covers the whole row or
 * card, so a click anywhere on it opens the detail; the keyboard reaches the one button.
 */
function Action({ entry, onOpen }: { entry: AuditEntry; onOpen: (id: string) => void }) {
  return (
    <span className="inline-flex min-w-0 flex-col">
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={() => onOpen(entry.id)}
        className="text-left font-medium text-brand-700 underline-offset-2 after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {actionLabel(entry.action)}
      </button>
      <code className="font-mono text-xs text-slate-500">{entry.action}</code>
    </span>
  );
}

/**
 * Audit entries: a table on wide screens, one card per entry on a phone, where five columns
 * would not fit. Both list the same entries in the same order; each opens its detail (`onOpen`).
 */
export function AuditLogTable({
  entries,
  onOpen,
}: {
  entries: AuditEntry[];
  onOpen: (id: string) => void;
}) {
  return (
    <>
      <Table caption="Audit log" className="hidden lg:block" tableClassName="table-fixed">
        <TableHead>
          <Th className="w-40">Time</Th>
          <Th className="w-48">Actor</Th>
          <Th className="w-52">Action</Th>
          <Th>Target</Th>
          <Th className="w-36">IP</Th>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <Tr key={entry.id} data-entry-id={entry.id} className="relative cursor-pointer">
              <Td className="text-slate-600">
                <RelativeTime date={entry.created_at} tense="past" />
              </Td>
              <Td>
                <Actor entry={entry} />
              </Td>
              <Td>
                <Action entry={entry} onOpen={onOpen} />
              </Td>
              <Td>
                <Target entry={entry} />
              </Td>
              <Td className="font-mono text-xs text-slate-600">{entry.ip ?? "—"}</Td>
            </Tr>
          ))}
        </TableBody>
      </Table>
      <ul aria-label="Audit log" className="space-y-3 lg:hidden">
        {entries.map((entry) => (
          <li
            key={entry.id}
            data-entry-id={entry.id}
            className="relative cursor-pointer space-y-2 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 hover:bg-slate-50/60"
          >
            <div className="flex items-start justify-between gap-3">
              <Action entry={entry} onOpen={onOpen} />
              <RelativeTime
                date={entry.created_at}
                tense="past"
                className="shrink-0 text-xs text-slate-500"
              />
            </div>
            <Actor entry={entry} />
            <Target entry={entry} />
            <p className="text-xs text-slate-500">
              <ExactTime date={entry.created_at} />
              {entry.ip ? (
                <>
                  {" · "}
                  <span className="font-mono">{entry.ip}</span>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
