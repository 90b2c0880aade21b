import { GrantsSkeleton } from "@/components/oauth-grants/grants-skeleton";
import { ListPageSkeleton } from "@/components/ui/list-page-skeleton";

export default function Loading() {
  return (
    <ListPageSkeleton headingWidth="w-40">
      <GrantsSkeleton label="Loading connected apps" />
    </ListPageSkeleton>
  );
}
