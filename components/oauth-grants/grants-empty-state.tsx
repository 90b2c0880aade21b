import type { ReactNode } from "react";

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
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
    >
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6">
          <path
            fill="currentColor"
            d="M12 1.5a5.25 5.25 0 0 0-5.25 5.25v3a3 3 0 0 0-3 3v6.75a3 3 0 0 0 3 3h10.5a3 3 0 0 0 3-3v-6.75a3 3 0 0 0-3-3v-3A5.25 5.25 0 0 0 12 1.5Zm3.75 8.25v-3a3.75 3.75 0 1 0-7.5 0v3h7.5Z"
          />
        </svg>
      </div>
      <h3 id={headingId} className="mt-4 text-base font-semibold text-slate-900">
        {title}
      </h3>
      <div className="mx-auto mt-2 max-w-md space-y-2 text-sm text-slate-600">{children}</div>
    </section>
  );
}
