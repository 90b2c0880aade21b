import { Skeleton } from "@/components/ui/skeleton";
import { TableSkeleton } from "@/components/ui/table-skeleton";

/** The list's shape while it loads, so the page does not jump when the endpoints arrive. */
export function WebhooksSkeleton({ rows }: { rows?: number }) {
  return (
    <TableSkeleton label="Loading webhook endpoints" rows={rows}>
      <Skeleton className="h-4 w-56" />
      <Skeleton className="hidden h-4 w-40 sm:block" />
      <Skeleton className="hidden h-4 w-16 md:block" />
      <Skeleton className="ml-auto h-4 w-20 rounded-full" />
    </TableSkeleton>
  );
}
