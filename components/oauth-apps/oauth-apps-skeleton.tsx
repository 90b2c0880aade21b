import { Skeleton } from "@/components/ui/skeleton";
import { TableSkeleton } from "@/components/ui/table-skeleton";

/** The list's shape while it loads, so the page does not jump when the apps arrive. */
export function OAuthAppsSkeleton({ rows }: { rows?: number }) {
  return (
    <TableSkeleton label="Loading OAuth apps" rows={rows}>
      <div className="w-40 space-y-2">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-4 w-20 rounded-full" />
      </div>
      <Skeleton className="hidden h-4 w-48 sm:block" />
      <Skeleton className="hidden h-4 w-40 md:block" />
      <Skeleton className="ml-auto h-4 w-16" />
    </TableSkeleton>
  );
}
