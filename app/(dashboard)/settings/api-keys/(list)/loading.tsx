import { ApiKeysSkeleton } from "@/components/api-keys/api-keys-skeleton";
import { ListPageSkeleton } from "@/components/ui/list-page-skeleton";

export default function Loading() {
  return (
    <ListPageSkeleton descriptionWidth="w-80">
      <ApiKeysSkeleton />
    </ListPageSkeleton>
  );
}
