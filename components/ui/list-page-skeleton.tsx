import type { ReactNode } from "react";
import { Skeleton } from "./skeleton";

/** A settings list's route loading state: its heading and description, then the list's skeleton. */
export function ListPageSkeleton({
  children,
  headingWidth = "w-32",
  descriptionWidth = "w-96",
}: {
  /** The list's own skeleton. */
  children: ReactNode;
  headingWidth?: string;
  descriptionWidth?: string;
}) {
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Skeleton className={`h-6 ${headingWidth}`} />
        <Skeleton className={`h-4 ${descriptionWidth} max-w-full`} />
      </div>
      {children}
    </div>
  );
}
