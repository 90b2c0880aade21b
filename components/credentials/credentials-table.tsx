"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { type CredentialItem, TYPE_LABELS } from "./credential-filters";

const checkboxClass =
  "size-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

interface TableProps {
  credentials: CredentialItem[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], on: boolean) => void;
}

/** "Select CI deploys of Ada Owner": the checkbox names the credential and whose it is. */
function selectLabel(c: CredentialItem): string {
  return `Select ${c.name} (${TYPE_LABELS[c.type]}) of ${c.holder.name}`;
}

function Holder({ c }: { c: CredentialItem }) {
  return (
    <>
      <span className="block text-slate-900 [overflow-wrap:anywhere]">{c.holder.name}</span>
      <span className="block text-xs text-slate-500 [overflow-wrap:anywhere]">
        {c.holder.email}
      </span>
    </>
  );
}

function Name({ c }: { c: CredentialItem }) {
  return (
    <>
      <span className="block font-medium text-slate-900 [overflow-wrap:anywhere]">{c.name}</span>
      <span className="block text-xs text-slate-500">
        {TYPE_LABELS[c.type]}
        {c.detail ? (
          <>
            {" · "}
            <span className="font-mono break-all">{c.detail}</span>
          </>
        ) : null}
      </span>
    </>
  );
}

/**
 * The credentials: a table on wide screens, one card each on a phone, where six columns would
 * not fit. Both list the same credentials with the same checkboxes, in the same order.
 */
export function CredentialsTable({ credentials, selected, onToggle, onToggleAll }: TableProps) {
  const ids = credentials.map((c) => c.id);
  const allOn = ids.length > 0 && ids.every((id) => selected.has(id));
  return (
    <>
      <Table caption="Credentials" className="hidden lg:block" tableClassName="table-fixed">
        <TableHead>
          <Th className="w-12">
            <input
              type="checkbox"
              aria-label="Select every credential shown"
              checked={allOn}
              onChange={(e) => onToggleAll(ids, e.target.checked)}
              className={checkboxClass}
            />
          </Th>
          <Th>Credential</Th>
          <Th className="w-56">Holder</Th>
          <Th className="w-32">Created</Th>
          <Th className="w-32">Last used</Th>
          <Th className="w-32">Expires</Th>
        </TableHead>
        <TableBody>
          {credentials.map((c) => (
            <Tr key={c.id} data-credential-id={c.id}>
              <Td>
                <input
                  type="checkbox"
                  aria-label={selectLabel(c)}
                  checked={selected.has(c.id)}
                  onChange={() => onToggle(c.id)}
                  className={checkboxClass}
                />
              </Td>
              <Td>
                <Name c={c} />
              </Td>
              <Td>
                <Holder c={c} />
              </Td>
              <Td className="text-slate-600">
                <RelativeTime date={c.created_at} tense="past" />
              </Td>
              <Td className="text-slate-600">
                <RelativeTime date={c.last_used_at} fallback="Never" tense="past" />
              </Td>
              <Td className="text-slate-600">
                <RelativeTime date={c.expires_at} fallback="Never" />
              </Td>
            </Tr>
          ))}
        </TableBody>
      </Table>
      <ul aria-label="Credentials" className="space-y-3 lg:hidden">
        {credentials.map((c) => (
          <li
            key={c.id}
            data-credential-id={c.id}
            className="flex gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <input
              type="checkbox"
              aria-label={selectLabel(c)}
              checked={selected.has(c.id)}
              onChange={() => onToggle(c.id)}
              className={`${checkboxClass} mt-0.5 shrink-0`}
            />
            <div className="min-w-0 flex-1 space-y-2 text-sm">
              <div>
                <Name c={c} />
              </div>
              <div>
                <Holder c={c} />
              </div>
              <dl className="grid grid-cols-3 gap-2 text-xs text-slate-600">
                <div>
                  <dt className="text-slate-500">Created</dt>
                  <dd>
                    <RelativeTime date={c.created_at} tense="past" />
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">Last used</dt>
                  <dd>
                    <RelativeTime date={c.last_used_at} fallback="Never" tense="past" />
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">Expires</dt>
                  <dd>
                    <RelativeTime date={c.expires_at} fallback="Never" />
                  </dd>
                </div>
              </dl>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
