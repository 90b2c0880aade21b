import { formatRelative } from "@/components/ui/relative-time";
import type { ApiKey } from "./api-key-types";

/** Marks a key that works only from the addresses on its allowlist. */
export function IpRestrictedBadge({ apiKey }: { apiKey: ApiKey }) {
  const count = apiKey.allowed_ips.length;
  if (count === 0) return null;
  return (
    <span
      className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-sky-50 px-2 py-0.5 text-[11px] font-medium text-sky-800 ring-1 ring-sky-600/20 ring-inset"
      title={`Works only from: ${apiKey.allowed_ips.join(", ")}`}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3">
        <path
          fill="currentColor"
          d="M10 1.5 3.5 4v5.2c0 4 2.7 7.6 6.5 8.8 3.8-1.2 6.5-4.8 6.5-8.8V4L10 1.5Zm0 2.1 4.5 1.7v3.9c0 3-1.9 5.7-4.5 6.7-2.6-1-4.5-3.7-4.5-6.7V5.3L10 3.6Z"
        />
      </svg>
      IP restricted
    </span>
  );
}

/**
 * "Expires in 3 days" for a key about to stop working: the same words as its Expires column
 * (one formatter), so a row never says two things.
 */
export function ExpiresSoonNote({ expiresAt, nowMs }: { expiresAt: string; nowMs: number }) {
  return (
    <span className="inline-flex items-center whitespace-nowrap rounded-full bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-600/20 ring-inset">
      Expires {formatRelative(new Date(expiresAt), nowMs)}
    </span>
  );
}
