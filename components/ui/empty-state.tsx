import type { ReactNode } from "react";

/**
 * A list with nothing in it yet: an icon, a heading that names the section, what would appear
 * here and how it gets there (`children`), and the one thing to do next (`action`), if any.
 */
export function EmptyState({
  id,
  icon,
  title,
  children,
  action,
}: {
  /** Prefix of the heading's id, unique on the page. */
  id: string;
  /** The icon's path, in a 24 by 24 box. */
  icon: string;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
    >
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6">
          <path fill="currentColor" d={icon} />
        </svg>
      </div>
      <h3 id={headingId} className="mt-4 text-base font-semibold text-slate-900">
        {title}
      </h3>
      <div className="mx-auto mt-2 max-w-md space-y-2 text-sm text-slate-600">{children}</div>
      {action}
    </section>
  );
}
