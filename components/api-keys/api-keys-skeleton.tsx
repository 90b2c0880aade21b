import { Skeleton } from "@/components/ui/skeleton";
import { TableSkeleton } from "@/components/ui/table-skeleton";

/** The list's shape while it loads, so the page does not jump when the keys arrive. */
export function ApiKeysSkeleton({ rows }: { rows?: number }) {
  return (
    <TableSkeleton label="Loading API keys" rows={rows}>
      <div className="w-40 space-y-2">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-3 w-24" />
      </div>
      <Skeleton className="hidden h-4 w-36 sm:block" />
      <Skeleton className="hidden h-4 w-20 md:block" />
      <Skeleton className="ml-auto h-5 w-16 rounded-full" />
    </TableSkeleton>
  );
}
