import type { Scope } from "./api-key-types";

/** A key's scopes as small monospace chips; past `max`, the rest are counted. */
export function ScopeBadges({ scopes, max }: { scopes: readonly Scope[]; max?: number }) {
  const shown = max === undefined ? scopes : scopes.slice(0, max);
  const hidden = scopes.length - shown.length;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Scopes">
      {shown.map((scope) => (
        <li
          key={scope}
          className={`whitespace-nowrap rounded px-1.5 py-0.5 font-mono text-[11px] leading-4 ring-1 ring-inset ${
            scope.startsWith("read:")
              ? "bg-slate-50 text-slate-700 ring-slate-200"
              : "bg-brand-50 text-brand-700 ring-brand-100"
          }`}
        >
          {scope}
        </li>
      ))}
      {hidden > 0 ? (
        <li
          className="whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] leading-4 text-slate-500"
          title={scopes.slice(shown.length).join(", ")}
        >
          +{hidden} more
        </li>
      ) : null}
    </ul>
  );
}
