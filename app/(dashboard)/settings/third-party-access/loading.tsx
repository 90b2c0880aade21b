import { GrantsSkeleton } from "@/components/oauth-grants/grants-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Skeleton className="h-6 w-44" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="h-56 w-full rounded-xl" />
      <GrantsSkeleton label="Loading authorized apps" />
    </div>
  );
}
