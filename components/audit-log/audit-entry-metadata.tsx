"use client";

import Link from "next/link";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";

/** Ids an entry's metadata may name, and the page that shows each. */
const KEY_ID = /^key_[0-9A-Za-z]{8,40}$/;
const USER_ID = /^usr_[0-9A-Za-z]{8,40}$/;

/** Long unbroken values (a 100-character name, a JSON blob) wrap anywhere rather than overflow. */
const WRAP = "whitespace-pre-wrap [overflow-wrap:anywhere]";

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  scopes: "Scopes",
  allowed_ips: "Allowed IPs",
  rate_limit_per_minute: "Rate limit per minute",
  expires_at: "Expires",
  new_key_id: "New key",
  rotated_from: "Rotated from",
  grace_seconds: "Grace period (seconds)",
  role: "Role",
  email: "Email",
  reason: "Reason",
  credentialType: "Credential type",
};

export function fieldLabel(field: string): string {
  const label = FIELD_LABELS[field] ?? field.replace(/_/g, " ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** What a `from`/`to` pair of the whole entry changed, by action. */
function changedField(action: string): string {
  if (action === "membership.role_changed") return "role";
  if (action.endsWith(".renamed")) return "name";
  return "value";
}

const isChange = (value: unknown): value is { from: unknown; to: unknown } =>
  typeof value === "object" && value !== null && "from" in value && "to" in value;

/**
 * An entry's metadata split into what an update changed (before and after, field by field) and
 * the rest. Updates record either `{changes: {field: {from, to}}}` (a key) or `{from, to}` (a
 * role, a name).
 */
export function splitMetadata(
  action: string,
  metadata: Record<string, unknown> | null,
): { changes: FieldChange[]; rest: [string, unknown][] } {
  if (!metadata) return { changes: [], rest: [] };
  const { changes, from, to, ...others } = metadata;
  if (changes && typeof changes === "object" && Object.values(changes).every(isChange)) {
    const list = Object.entries(changes as Record<string, { from: unknown; to: unknown }>).map(
      ([field, change]) => ({ field, from: change.from, to: change.to }),
    );
    return { changes: list, rest: Object.entries({ ...others, from, to }).filter(defined) };
  }
  if ("from" in metadata && "to" in metadata) {
    const rest = Object.entries({ ...others, changes }).filter(defined);
    return { changes: [{ field: changedField(action), from, to }], rest };
  }
  return { changes: [], rest: Object.entries(metadata) };
}

const defined = ([, value]: [string, unknown]) => value !== undefined;

/** One metadata value, readable in full: ids link to their page, lists wrap, nothing is cut. */
export function MetadataValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) {
    return <span className="text-slate-500 italic">none</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500 italic">none</span>;
    return (
      <ul className="flex flex-wrap gap-1.5">
        {value.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a recorded list may repeat an item
          <li key={i} className="max-w-full rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
            <MetadataValue value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "string") {
    if (KEY_ID.test(value)) {
      return (
        <Link
          href={`/settings/api-keys/${encodeURIComponent(value)}`}
          className="font-mono text-xs text-brand-700 underline hover:text-brand-800"
        >
          {value}
        </Link>
      );
    }
    if (USER_ID.test(value)) {
      return (
        <Link
          href="/settings/members"
          className="font-mono text-xs text-brand-700 underline hover:text-brand-800"
        >
          {value}
        </Link>
      );
    }
    return <span className={WRAP}>{value}</span>;
  }
  if (typeof value === "object") {
    return <span className={`font-mono text-xs ${WRAP}`}>{JSON.stringify(value, null, 2)}</span>;
  }
  return <span>{String(value)}</span>;
}

/** Before and after of each changed field: the readable diff of an update. */
export function ChangesTable({ changes }: { changes: FieldChange[] }) {
  return (
    <Table caption="What changed" inset tableClassName="table-fixed">
      <TableHead>
        <Th className="w-[28%]">Field</Th>
        <Th>Before</Th>
        <Th>After</Th>
      </TableHead>
      <TableBody>
        {changes.map((change) => (
          <Tr key={change.field}>
            <Th scope="row" className="text-left align-top font-medium text-slate-700">
              {fieldLabel(change.field)}
            </Th>
            <Td className="bg-red-50/60 text-slate-800">
              <MetadataValue value={change.from} />
            </Td>
            <Td className="bg-emerald-50/60 text-slate-900">
              <MetadataValue value={change.to} />
            </Td>
          </Tr>
        ))}
      </TableBody>
    </Table>
  );
}

/** The metadata exactly as recorded, in a box that scrolls and can be reached by keyboard. */
export function RawMetadata({ metadata }: { metadata: Record<string, unknown> | null }) {
  return (
    <pre
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
      tabIndex={0}
      className={`max-h-60 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${WRAP}`}
    >
      {metadata ? JSON.stringify(metadata, null, 2) : "null"}
    </pre>
  );
}
