import { Skeleton } from "@/components/ui/skeleton";
import { WebhooksSkeleton } from "@/components/webhooks/webhooks-skeleton";

export default function Loading() {
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <WebhooksSkeleton />
    </div>
  );
}
