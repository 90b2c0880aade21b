"use client";

import { useExpiringKeys } from "./api-key-queries";

/**
 * A banner above the list when keys stop working within 7 days: rotate them (or let them go)
 * before programs start failing with 401.
 */
export function ExpiringKeysBanner({
  organizationId,
  showing,
  onShow,
}: {
  organizationId: string;
  /** True while the list already shows just these keys. */
  showing: boolean;
  onShow: () => void;
}) {
  const expiring = useExpiringKeys(organizationId);
  const keys = expiring.data?.data ?? [];
  if (keys.length === 0) return null;
  const count = expiring.data?.next_cursor ? `${keys.length}+` : String(keys.length);
  const names = keys
    .slice(0, 3)
    .map((k) => `“${k.name}”`)
    .join(", ");
  return (
    <div
      role="status"
      aria-label="Keys expiring soon"
      className="flex flex-col gap-2 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 sm:flex-row sm:items-center sm:justify-between"
    >
      {/* Key names can be one long word: they break anywhere rather than widen the page. */}
      <p className="min-w-0 [overflow-wrap:anywhere]">
        <strong className="font-semibold">
          {count} {keys.length === 1 ? "key expires" : "keys expire"} within 7 days
        </strong>
        <span className="block text-amber-800 sm:inline">
          {" "}
          {names}
          {keys.length > 3 ? " and more" : ""}.{" "}
          {keys.length === 1
            ? "Rotate it before programs using it get 401."
            : "Rotate them before programs using them get 401."}
        </span>
      </p>
      {showing ? null : (
        <button
          type="button"
          onClick={onShow}
          className="shrink-0 self-start rounded-md bg-white px-3 py-1.5 text-sm font-medium text-amber-900 ring-1 ring-amber-300 ring-inset hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-amber-700 sm:self-auto"
        >
          Show expiring keys
        </button>
      )}
    </div>
  );
}
