import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

const LOCK_ICON =
  "M12 1.5a5.25 5.25 0 0 0-5.25 5.25v3a3 3 0 0 0-3 3v6.75a3 3 0 0 0 3 3h10.5a3 3 0 0 0 3-3v-6.75a3 3 0 0 0-3-3v-3A5.25 5.25 0 0 0 12 1.5Zm3.75 8.25v-3a3.75 3.75 0 1 0-7.5 0v3h7.5Z";

/** No grant yet: what would appear here, and how it gets there. */
export function GrantsEmptyState({
  id,
  title,
  children,
}: {
  /** Prefix of the heading's id, unique on the page. */
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <EmptyState id={id} icon={LOCK_ICON} title={title}>
      {children}
    </EmptyState>
  );
}
