import { OAuthAppsSkeleton } from "@/components/oauth-apps/oauth-apps-skeleton";
import { ListPageSkeleton } from "@/components/ui/list-page-skeleton";

export default function Loading() {
  return (
    <ListPageSkeleton>
      <OAuthAppsSkeleton />
    </ListPageSkeleton>
  );
}
