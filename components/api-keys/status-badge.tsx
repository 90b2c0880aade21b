import type { ApiKeyStatus } from "./api-key-types";

const STATUS: Record<ApiKeyStatus, { label: string; className: string; dot: string }> = {
  active: {
    label: "Active",
    className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    dot: "bg-emerald-500",
  },
  expiring_soon: {
    label: "Expiring soon",
    className: "bg-amber-50 text-amber-800 ring-amber-600/25",
    dot: "bg-amber-500",
  },
  pending_approval: {
    label: "Pending approval",
    className: "bg-sky-50 text-sky-800 ring-sky-600/25",
    dot: "bg-sky-500",
  },
  expired: {
    label: "Expired",
    className: "bg-slate-100 text-slate-600 ring-slate-500/20",
    dot: "bg-slate-400",
  },
  revoked: {
    label: "Revoked",
    className: "bg-red-50 text-red-700 ring-red-600/20",
    dot: "bg-red-500",
  },
};

export function statusLabel(status: ApiKeyStatus): string {
  return STATUS[status].label;
}

/** The key's state as a coloured pill: the word carries the meaning, the colour only helps. */
export function StatusBadge({ status }: { status: ApiKeyStatus }) {
  const s = STATUS[status];
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.className}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${s.dot}`} />
      {s.label}
    </span>
  );
}
