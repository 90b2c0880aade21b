import { DetailPageSkeleton } from "@/components/ui/detail-skeletons";

export default function Loading() {
  return <DetailPageSkeleton label="Loading the app" />;
}
