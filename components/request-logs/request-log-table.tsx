"use client";

import { ExactTime, RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { formatLatency, type RequestLogEntry } from "./request-log-filters";
import { CredentialRef, StatusCodeBadge } from "./request-log-parts";

/**
 * The request's method and path, as the button that opens its detail. Its ::after covers the
 * whole row or card, so a click anywhere on it opens the detail; the keyboard reaches the button.
 */
function Request({ entry, onOpen }: { entry: RequestLogEntry; onOpen: (id: string) => void }) {
  return (
    <button
      type="button"
      aria-haspopup="dialog"
      onClick={() => onOpen(entry.request_id)}
      className="min-w-0 text-left text-slate-900 underline-offset-2 after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
    >
      <span className="font-mono text-xs font-semibold text-slate-600">{entry.method}</span>{" "}
      <span className="font-mono text-xs break-all">{entry.path}</span>
    </button>
  );
}

/**
 * Requests: a table on wide screens, one card per request on a phone, where six columns would
 * not fit. Both list the same requests in the same order; each opens its detail (`onOpen`).
 */
export function RequestLogTable({
  entries,
  onOpen,
  caption = "Requests",
}: {
  entries: RequestLogEntry[];
  onOpen: (id: string) => void;
  caption?: string;
}) {
  return (
    <>
      <Table caption={caption} className="hidden lg:block" tableClassName="table-fixed">
        <TableHead>
          <Th className="w-36">Time</Th>
          <Th>Request</Th>
          <Th className="w-20">Status</Th>
          <Th className="w-24 text-right">Latency</Th>
          <Th className="w-56">Credential</Th>
          <Th className="w-32">IP</Th>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <Tr
              key={entry.request_id}
              data-request-id={entry.request_id}
              className="relative cursor-pointer"
            >
              <Td className="text-slate-600">
                <RelativeTime date={entry.created_at} tense="past" />
              </Td>
              <Td>
                <Request entry={entry} onOpen={onOpen} />
              </Td>
              <Td>
                <StatusCodeBadge status={entry.status} />
              </Td>
              <Td className="text-right text-slate-600 tabular-nums">
                {formatLatency(entry.latency_ms)}
              </Td>
              <Td>
                <CredentialRef credential={entry.credential} />
              </Td>
              <Td className="font-mono text-xs break-all text-slate-600">{entry.ip}</Td>
            </Tr>
          ))}
        </TableBody>
      </Table>
      <ul aria-label={caption} className="space-y-3 lg:hidden">
        {entries.map((entry) => (
          <li
            key={entry.request_id}
            data-request-id={entry.request_id}
            className="relative cursor-pointer space-y-2 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 hover:bg-slate-50/60"
          >
            <div className="flex items-start justify-between gap-3">
              <Request entry={entry} onOpen={onOpen} />
              <StatusCodeBadge status={entry.status} />
            </div>
            <p className="text-xs text-slate-600">
              <CredentialRef credential={entry.credential} showType />
            </p>
            <p className="text-xs text-slate-500">
              <ExactTime date={entry.created_at} />
              {" · "}
              <span className="tabular-nums">{formatLatency(entry.latency_ms)}</span>
              {" · "}
              <span className="font-mono break-all">{entry.ip}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
