import { Skeleton } from "@/components/ui/skeleton";
import { TableSkeleton } from "@/components/ui/table-skeleton";

/** The list's shape while it loads, so the page does not jump when the grants arrive. */
export function GrantsSkeleton({ label, rows }: { label: string; rows?: number }) {
  return (
    <TableSkeleton label={label} rows={rows}>
      <div className="w-40 space-y-2">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-3 w-24" />
      </div>
      <Skeleton className="hidden h-4 w-48 sm:block" />
      <Skeleton className="hidden h-4 w-24 md:block" />
      <Skeleton className="ml-auto h-8 w-20" />
    </TableSkeleton>
  );
}
