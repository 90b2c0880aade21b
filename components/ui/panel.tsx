import type { ReactNode } from "react";

/** A titled white card: one section of a settings page, named by its heading for screen readers. */
export function Panel({
  id,
  title,
  description,
  children,
}: {
  /** Prefix of the heading's id, unique on the page. */
  id: string;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {description ? (
        <p className="mt-1 max-w-prose text-sm text-slate-500">{description}</p>
      ) : null}
      {children}
    </section>
  );
}
