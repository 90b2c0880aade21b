import type { ReactNode, Ref } from "react";
import { OrganizationBadge } from "./organization-badge";

/**
 * The top of a settings list: its heading (where focus lands when nothing better is left), the
 * organization, a note for a platform admin visiting, what the list is for, and its action.
 */
export function ListHeader({
  title,
  headingRef,
  organizationName,
  visitingNote,
  description,
  action,
}: {
  title: string;
  headingRef: Ref<HTMLHeadingElement>;
  organizationName: string;
  /** For a visitor who is not a member: what they may and may not do here. */
  visitingNote?: ReactNode;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h2
            ref={headingRef}
            tabIndex={-1}
            className="text-lg font-semibold text-slate-900 focus:outline-none"
          >
            {title}
          </h2>
          <OrganizationBadge name={organizationName} />
        </div>
        {visitingNote ? (
          <p
            role="note"
            className="mt-2 max-w-2xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200"
          >
            {visitingNote}
          </p>
        ) : null}
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{description}</p>
      </div>
      {action}
    </div>
  );
}
