"use client";

import Link from "next/link";
import { DateWithHint, useNow } from "@/components/ui/relative-time";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import type { ApiKey } from "./api-key-types";
import { ExpiresSoonNote, IpRestrictedBadge } from "./key-policy-badges";
import { MaskedKey } from "./masked-key";
import { needsRotation, RotationHint } from "./rotation-hint";
import { ScopeBadges } from "./scope-badges";
import { StatusBadge } from "./status-badge";

interface RowActions {
  onRotate: (key: ApiKey) => void;
  onRevoke: (key: ApiKey) => void;
  /** Set when the viewer may not rotate (a platform admin outside its organizations): why. */
  rotateBlockedReason?: string | null;
}

function canRotate(key: ApiKey): boolean {
  return (key.status === "active" || key.status === "expiring_soon") && !key.replaced_by;
}

function canRevoke(key: ApiKey): boolean {
  return key.status !== "revoked";
}

function detailHref(key: ApiKey): string {
  return `/settings/api-keys/${encodeURIComponent(key.id)}`;
}

function isRetired(key: ApiKey): boolean {
  return key.status === "revoked" || key.status === "expired";
}

/** When the key stops (or stopped) working: a revoked key says when it was revoked. */
function ExpiryCell({ apiKey }: { apiKey: ApiKey }) {
  if (apiKey.status === "revoked" && apiKey.revoked_at) {
    return <DateWithHint prefix="Revoked on" date={apiKey.revoked_at} tense="past" />;
  }
  if (!apiKey.expires_at) {
    return (
      <span className="inline-flex items-center gap-1">
        Never
        {/* GitHub marks tokens without an expiry too: they work until someone notices. */}
        <svg
          role="img"
          aria-label="Never expires"
          viewBox="0 0 20 20"
          className="size-3.5 shrink-0 text-amber-500"
        >
          <title>Never expires: prefer an expiry, and rotate the key at least every 90 days.</title>
          <path
            fill="currentColor"
            d="M8.5 2.9a1.7 1.7 0 0 1 3 0l6.3 11.3a1.7 1.7 0 0 1-1.5 2.6H3.7a1.7 1.7 0 0 1-1.5-2.6L8.5 2.9ZM10 7a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0v-3.5A.75.75 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          />
        </svg>
      </span>
    );
  }
  return <DateWithHint date={apiKey.expires_at} />;
}

/**
 * The keys as a table on wide screens and as stacked cards on narrow ones. Both are rendered;
 * CSS shows one, and display:none keeps the other out of the accessibility tree. The table has
 * fixed column widths so it never grows past its box: Revoke, the action people need in an
 * incident, is always on screen, and tabbing to it never scrolls the name away.
 */
export function ApiKeysTable({
  keys,
  onRotate,
  onRevoke,
  rotateBlockedReason = null,
}: { keys: ApiKey[] } & RowActions) {
  const nowMs = useNow();
  return (
    <>
      <Table caption="API keys" className="hidden lg:block" tableClassName="table-fixed">
        <colgroup>
          {/* With the 6rem actions column, about the whole width at 1280 px. */}
          <col className="w-[27%]" />
          <col className="w-[20%]" />
          <col className="w-[16%]" />
          <col className="w-[13%]" />
          <col className="w-[13%]" />
          <col className="w-24" />
        </colgroup>
        <TableHead>
          <Th>Name</Th>
          <Th>Scopes</Th>
          <Th>Created</Th>
          <Th>Expires</Th>
          <Th>Last used</Th>
          <Th className="text-right">
            <span className="sr-only">Actions</span>
          </Th>
        </TableHead>
        <TableBody>
          {keys.map((key) => (
            <Tr
              key={key.id}
              data-row-id={key.id}
              data-state={key.status}
              className={isRetired(key) ? "bg-slate-50/70 text-slate-500" : ""}
            >
              <Td className="min-w-0">
                <Link
                  href={detailHref(key)}
                  title={key.name}
                  className={`block truncate font-medium hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600 ${
                    isRetired(key) ? "text-slate-500" : "text-slate-900"
                  }`}
                >
                  {key.name}
                </Link>
                <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
                  <StatusBadge status={key.status} />
                  <MaskedKey apiKey={key} />
                </div>
                <KeyNotes apiKey={key} nowMs={nowMs} />
              </Td>
              <Td>
                <ScopeBadges scopes={key.scopes} max={3} />
              </Td>
              <Td>
                <DateWithHint date={key.created_at} tense="past" />
                <div className="truncate text-xs text-slate-500" title={key.creator.email}>
                  by {key.creator.name}
                </div>
              </Td>
              <Td>
                <ExpiryCell apiKey={key} />
              </Td>
              <Td>
                <DateWithHint date={key.last_used_at} fallback="Never" tense="past" />
              </Td>
              <Td className="py-2">
                <div className="flex justify-end gap-0.5">
                  <IconAction
                    label={`Rotate ${key.name}`}
                    tooltip={rotateBlockedReason ?? "Rotate: issue a new secret"}
                    onClick={() => onRotate(key)}
                    hidden={!canRotate(key)}
                    disabled={rotateBlockedReason !== null}
                    icon="rotate"
                  />
                  <IconAction
                    label={`Revoke ${key.name}`}
                    tooltip="Revoke: stop this key working"
                    onClick={() => onRevoke(key)}
                    hidden={!canRevoke(key)}
                    icon="revoke"
                  />
                </div>
              </Td>
            </Tr>
          ))}
        </TableBody>
      </Table>

      <ul aria-label="API keys" className="space-y-3 lg:hidden">
        {keys.map((key) => (
          <li
            key={key.id}
            aria-label={key.name}
            data-row-id={key.id}
            data-state={key.status}
            className={`rounded-xl p-4 shadow-sm ring-1 ring-slate-200 ${
              isRetired(key) ? "bg-slate-50 text-slate-500" : "bg-white"
            }`}
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <Link
                  href={detailHref(key)}
                  title={key.name}
                  className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {key.name}
                </Link>
                <MaskedKey apiKey={key} />
              </div>
              <StatusBadge status={key.status} />
            </div>
            <KeyNotes apiKey={key} nowMs={nowMs} />
            <div className="mt-3">
              <ScopeBadges scopes={key.scopes} />
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-xs">
              <div>
                <dt className="text-slate-500">Created</dt>
                <dd className="text-slate-800">
                  <DateWithHint date={key.created_at} tense="past" />
                </dd>
              </div>
              <div className="min-w-0">
                <dt className="text-slate-500">Created by</dt>
                <dd className="truncate text-slate-800" title={key.creator.email}>
                  {key.creator.name}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">
                  {key.status === "revoked" ? "Revoked" : "Expires"}
                </dt>
                <dd className="text-slate-800">
                  <ExpiryCell apiKey={key} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Last used</dt>
                <dd className="text-slate-800">
                  <DateWithHint date={key.last_used_at} fallback="Never" tense="past" />
                </dd>
              </div>
            </dl>
            {canRotate(key) || canRevoke(key) ? (
              <div className="mt-3 flex gap-2 border-t border-slate-100 pt-3">
                {canRotate(key) ? (
                  <button
                    type="button"
                    aria-label={`Rotate ${key.name}`}
                    data-action="rotate"
                    onClick={() => onRotate(key)}
                    disabled={rotateBlockedReason !== null}
                    title={rotateBlockedReason ?? undefined}
                    className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-400"
                  >
                    Rotate
                  </button>
                ) : null}
                {canRevoke(key) ? (
                  <button
                    type="button"
                    aria-label={`Revoke ${key.name}`}
                    data-action="revoke"
                    onClick={() => onRevoke(key)}
                    className="rounded-md px-2.5 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50"
                  >
                    Revoke
                  </button>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Small notes under a key's name: its IP restriction, days left before it expires, rotate
 * advice, and what replaced it.
 */
function KeyNotes({ apiKey, nowMs }: { apiKey: ApiKey; nowMs: number | null }) {
  const rotate = nowMs !== null && needsRotation(apiKey, nowMs);
  const expiring = nowMs !== null && apiKey.status === "expiring_soon" && apiKey.expires_at;
  const restricted = apiKey.allowed_ips.length > 0;
  if (!rotate && !restricted && !expiring && !apiKey.replaced_by && !apiKey.rotated_from) {
    return null;
  }
  return (
    <div className="mt-1.5 flex flex-wrap gap-1.5">
      <IpRestrictedBadge apiKey={apiKey} />
      {expiring ? <ExpiresSoonNote expiresAt={expiring} nowMs={nowMs} /> : null}
      {rotate ? <RotationHint /> : null}
      {apiKey.replaced_by ? (
        <span className="text-[11px] text-slate-500">Replaced by a rotated key</span>
      ) : apiKey.rotated_from ? (
        <span className="text-[11px] text-slate-500">Rotated</span>
      ) : null}
    </div>
  );
}

function IconAction({
  label,
  tooltip,
  onClick,
  hidden,
  disabled = false,
  icon,
}: {
  label: string;
  tooltip: string;
  onClick: () => void;
  hidden: boolean;
  disabled?: boolean;
  icon: "rotate" | "revoke";
}) {
  // An invisible placeholder keeps the action columns aligned across rows.
  if (hidden) return <span aria-hidden="true" className="size-8" />;
  return (
    <button
      type="button"
      aria-label={label}
      data-action={icon}
      title={tooltip}
      onClick={onClick}
      disabled={disabled}
      className={`grid size-8 disabled:cursor-not-allowed disabled:opacity-40 place-items-center rounded-md focus-visible:outline-2 focus-visible:outline-brand-600 ${
        icon === "revoke"
          ? "text-slate-500 hover:bg-red-50 hover:text-red-600"
          : "text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      }`}
    >
      {icon === "rotate" ? (
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path
            fill="currentColor"
            d="M15.3 4.7A7 7 0 0 0 3.1 9.2a.75.75 0 0 0 1.5.1 5.5 5.5 0 0 1 9.6-3.5l-1.4 1.4a.5.5 0 0 0 .4.8H17a.5.5 0 0 0 .5-.5V3.7a.5.5 0 0 0-.9-.3l-1.3 1.3ZM4.7 15.3a7 7 0 0 0 12.2-4.5.75.75 0 0 0-1.5-.1 5.5 5.5 0 0 1-9.6 3.5l1.4-1.4a.5.5 0 0 0-.4-.8H3a.5.5 0 0 0-.5.5v3.8a.5.5 0 0 0 .9.3l1.3-1.3Z"
          />
        </svg>
      ) : (
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path
            fill="currentColor"
            d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM4.5 10a5.5 5.5 0 0 1 8.8-4.4l-7.7 7.7A5.5 5.5 0 0 1 4.5 10Zm2.2 4.4 7.7-7.7a5.5 5.5 0 0 1-7.7 7.7Z"
          />
        </svg>
      )}
    </button>
  );
}
