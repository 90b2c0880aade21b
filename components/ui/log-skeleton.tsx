import { Skeleton } from "@/components/ui/skeleton";

/**
 * A log's shape while it loads (the audit log, the request log), so the page does not jump when
 * the entries arrive.
 */
export function LogSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <div className="divide-y divide-slate-100">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
          <div key={i} className="flex items-center gap-6 px-5 py-4">
            <Skeleton className="h-4 w-20" />
            <div className="w-40 space-y-2">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-3 w-24" />
            </div>
            <Skeleton className="hidden h-4 w-36 sm:block" />
            <Skeleton className="ml-auto hidden h-4 w-24 md:block" />
          </div>
        ))}
      </div>
    </div>
  );
}
