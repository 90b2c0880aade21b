import type { OAuthGrant } from "./oauth-grant-types";

/** The homepage as a link only when it is a web address: never a javascript: or other scheme. */
function homepageOf(url: string | null): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * "Unverified": the app registered itself (dynamic registration), so no organization vouches for
 * its name, which anyone could have chosen. Said in words; the colour only helps.
 */
export function UnverifiedBadge() {
  return (
    <span
      title="This app registered itself: no organization vouches for its name or homepage."
      className="inline-flex items-center whitespace-nowrap rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-600/20 ring-inset"
    >
      Unverified
    </span>
  );
}

/**
 * An app's name, its Unverified badge when it registered itself, and its homepage, whose host is
 * written out so a lookalike name cannot hide where the link goes.
 */
export function GrantApp({ app }: { app: OAuthGrant["app"] }) {
  const homepage = homepageOf(app.homepage_url);
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">{app.name}</span>
        {app.registration === "dynamic" ? <UnverifiedBadge /> : null}
      </div>
      {homepage ? (
        <a
          href={homepage.href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          aria-label={`Homepage of ${app.name}: ${homepage.host} (opens in a new tab)`}
          className="mt-0.5 inline-block text-xs text-brand-700 [overflow-wrap:anywhere] hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {homepage.host}
        </a>
      ) : null}
    </div>
  );
}

/**
 * A grant's scopes as small monospace chips, in the look of the API keys' ScopeBadges (which
 * takes only the keys' scope names, while a grant may also carry OpenID Connect ones).
 */
export function GrantScopes({ scopes }: { scopes: readonly string[] }) {
  if (scopes.length === 0) return <span className="text-slate-500">None</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((scope) => (
        <li
          key={scope}
          className={`rounded px-1.5 py-0.5 font-mono text-[11px] leading-4 [overflow-wrap:anywhere] ring-1 ring-inset ${
            scope.startsWith("write:") || scope.startsWith("admin:")
              ? "bg-brand-50 text-brand-700 ring-brand-100"
              : "bg-slate-50 text-slate-700 ring-slate-200"
          }`}
        >
          {scope}
        </li>
      ))}
    </ul>
  );
}
