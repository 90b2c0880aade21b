import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * A list's shape while it loads, so the page does not jump when the rows arrive: a header bar and
 * `rows` copies of `children` (one row's placeholder cells), announced as `label`.
 */
export function TableSkeleton({
  label,
  rows = 3,
  children,
}: {
  label: string;
  rows?: number;
  children: ReactNode;
}) {
  return (
    <div
      role="status"
      aria-label={label}
      className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <div className="border-b border-slate-200 bg-slate-50/80 px-5 py-3">
        <Skeleton className="h-3 w-40" />
      </div>
      <div className="divide-y divide-slate-100">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
          <div key={i} className="flex items-center gap-6 px-5 py-4">
            {children}
          </div>
        ))}
      </div>
    </div>
  );
}
