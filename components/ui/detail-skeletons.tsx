import { Skeleton } from "./skeleton";

/** A detail page's route loading state: the back link, the summary card and the panel below. */
export function DetailPageSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-6">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="h-48 w-full rounded-xl" />
      <Skeleton className="h-64 w-full rounded-xl" />
    </div>
  );
}

/** A detail page's body while its query loads: the title, the summary card, and a panel or not. */
export function DetailBodySkeleton({ label, panel = true }: { label: string; panel?: boolean }) {
  return (
    <div role="status" aria-label={label} className="space-y-4">
      <Skeleton className="h-7 w-64 max-w-full" />
      <Skeleton className="h-40 w-full rounded-xl" />
      {panel ? <Skeleton className="h-64 w-full rounded-xl" /> : null}
    </div>
  );
}
