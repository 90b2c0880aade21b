import type { ApiKey } from "./api-key-types";

// The authentication guide recommends rotating keys every 90 days.
const ROTATE_AFTER_MS = 90 * 24 * 60 * 60 * 1000;

/** Active keys older than 90 days that have not been rotated yet. */
export function needsRotation(key: ApiKey, nowMs: number): boolean {
  return (
    (key.status === "active" || key.status === "expiring_soon") &&
    !key.replaced_by &&
    nowMs - new Date(key.created_at).getTime() > ROTATE_AFTER_MS
  );
}

export function RotationHint() {
  return (
    <span
      className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-600/20 ring-inset"
      title="This key is more than 90 days old. Rotating keys every 90 days is recommended."
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3">
        <path
          fill="currentColor"
          d="M15.3 4.7A7 7 0 0 0 3.1 9.2a.75.75 0 0 0 1.5.1 5.5 5.5 0 0 1 9.6-3.5l-1.4 1.4a.5.5 0 0 0 .4.8H17a.5.5 0 0 0 .5-.5V3.7a.5.5 0 0 0-.9-.3l-1.3 1.3ZM4.7 15.3a7 7 0 0 0 12.2-4.5.75.75 0 0 0-1.5-.1 5.5 5.5 0 0 1-9.6 3.5l1.4-1.4a.5.5 0 0 0-.4-.8H3a.5.5 0 0 0-.5.5v3.8a.5.5 0 0 0 .9.3l1.3-1.3Z"
        />
      </svg>
      Rotate recommended
    </span>
  );
}
