import Link from "next/link";

export interface OverviewStat {
  label: string;
  value: number;
  href: string;
}

/** The home page's figures, each a card that opens the page it counts. */
export function OverviewStats({ stats }: { stats: OverviewStat[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 sm:gap-4">
      {stats.map((s) => (
        // One row per figure on a phone, a card each from sm up.
        <li key={s.label}>
          <Link
            href={s.href}
            className="flex items-baseline justify-between gap-4 rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200 transition-colors hover:bg-slate-50 hover:ring-brand-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:block sm:p-5"
          >
            <span className="block text-sm text-slate-500">{s.label}</span>
            <span className="block text-2xl font-semibold tracking-tight text-slate-900 sm:mt-2 sm:text-3xl">
              {s.value}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
