import { GrantsSkeleton } from "@/components/oauth-grants/grants-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <GrantsSkeleton label="Loading connected apps" />
    </div>
  );
}
