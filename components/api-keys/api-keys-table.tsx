"use client";

import Link from "next/link";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import type { ApiKey } from "./api-key-types";
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

/**
 * The keys as a table on wide screens and as stacked cards on narrow ones. Both are rendered;
 * CSS shows one, and display:none keeps the other out of the accessibility tree.
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
      <div className="hidden overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200 lg:block">
        <table className="min-w-full text-sm">
          <caption className="sr-only">API keys</caption>
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50/80 text-left text-xs font-medium text-slate-500">
              <th scope="col" className="py-2.5 pr-3 pl-5 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Scopes
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Created
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Expires
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Last used
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Status
              </th>
              <th scope="col" className="py-2.5 pr-5 pl-3 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((key) => (
              <tr
                key={key.id}
                className={`align-top transition-colors hover:bg-slate-50/60 ${
                  key.status === "revoked" || key.status === "expired" ? "text-slate-500" : ""
                }`}
              >
                <td className="max-w-56 py-3 pr-3 pl-5">
                  <Link
                    href={detailHref(key)}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    {key.name}
                  </Link>
                  <div className="mt-0.5">
                    <MaskedKey apiKey={key} />
                  </div>
                  <KeyNotes apiKey={key} nowMs={nowMs} />
                </td>
                <td className="max-w-52 px-3 py-3">
                  <ScopeBadges scopes={key.scopes} max={3} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap">
                  <RelativeTime date={key.created_at} className="text-slate-700" />
                  <div
                    className="max-w-32 truncate text-xs text-slate-500"
                    title={key.creator.email}
                  >
                    by {key.creator.name}
                  </div>
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                  <RelativeTime date={key.expires_at} fallback="Never" />
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                  <RelativeTime date={key.last_used_at} fallback="Never" />
                </td>
                <td className="px-3 py-3">
                  <StatusBadge status={key.status} />
                </td>
                <td className="py-2 pr-4 pl-3">
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul aria-label="API keys" className="space-y-3 lg:hidden">
        {keys.map((key) => (
          <li
            key={key.id}
            aria-label={key.name}
            className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <Link
                  href={detailHref(key)}
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
                  <RelativeTime date={key.created_at} />
                </dd>
              </div>
              <div className="min-w-0">
                <dt className="text-slate-500">Created by</dt>
                <dd className="truncate text-slate-800" title={key.creator.email}>
                  {key.creator.name}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Expires</dt>
                <dd className="text-slate-800">
                  <RelativeTime date={key.expires_at} fallback="Never" />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Last used</dt>
                <dd className="text-slate-800">
                  <RelativeTime date={key.last_used_at} fallback="Never" />
                </dd>
              </div>
            </dl>
            {canRotate(key) || canRevoke(key) ? (
              <div className="mt-3 flex gap-2 border-t border-slate-100 pt-3">
                {canRotate(key) ? (
                  <button
                    type="button"
                    aria-label={`Rotate ${key.name}`}
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

/** Small notes under a key's name: rotate advice, and what replaced it. */
function KeyNotes({ apiKey, nowMs }: { apiKey: ApiKey; nowMs: number | null }) {
  const rotate = nowMs !== null && needsRotation(apiKey, nowMs);
  if (!rotate && !apiKey.replaced_by && !apiKey.rotated_from) return null;
  return (
    <div className="mt-1.5 flex flex-wrap gap-1.5">
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
