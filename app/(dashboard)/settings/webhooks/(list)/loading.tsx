import { ListPageSkeleton } from "@/components/ui/list-page-skeleton";
import { WebhooksSkeleton } from "@/components/webhooks/webhooks-skeleton";

export default function Loading() {
  return (
    <ListPageSkeleton>
      <WebhooksSkeleton />
    </ListPageSkeleton>
  );
}
