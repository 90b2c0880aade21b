/** The organization a page shows, always in view: admins switch between several. */
export function OrganizationBadge({ name }: { name: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-white px-2.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200">
      <span
        aria-hidden="true"
        className="grid size-4 place-items-center rounded bg-brand-100 text-[10px] font-bold text-brand-700"
      >
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="sr-only">Organization: </span>
      {name}
    </span>
  );
}
