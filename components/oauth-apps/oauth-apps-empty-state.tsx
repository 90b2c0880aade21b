import { Button } from "@/components/ui/button";

/** First visit: what an OAuth app is, and the one thing to do next. */
export function OAuthAppsEmptyState({
  organizationName,
  onRegister,
}: {
  organizationName: string;
  /** Absent when the viewer may not register apps here (a platform admin visiting). */
  onRegister?: () => void;
}) {
  return (
    <section
      aria-labelledby="oauth-apps-empty-heading"
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
    >
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6">
          <path
            fill="currentColor"
            d="M4.5 3.75A2.25 2.25 0 0 0 2.25 6v3A2.25 2.25 0 0 0 4.5 11.25h3A2.25 2.25 0 0 0 9.75 9V6A2.25 2.25 0 0 0 7.5 3.75h-3Zm12 0A2.25 2.25 0 0 0 14.25 6v3a2.25 2.25 0 0 0 2.25 2.25h3A2.25 2.25 0 0 0 21.75 9V6a2.25 2.25 0 0 0-2.25-2.25h-3ZM2.25 16.5a2.25 2.25 0 0 1 2.25-2.25h3a2.25 2.25 0 0 1 2.25 2.25v3A2.25 2.25 0 0 1 7.5 21.75h-3a2.25 2.25 0 0 1-2.25-2.25v-3Zm15-2.25a.75.75 0 0 1 .75.75v2.25h2.25a.75.75 0 0 1 0 1.5H18V21a.75.75 0 0 1-1.5 0v-2.25h-2.25a.75.75 0 0 1 0-1.5h2.25V15a.75.75 0 0 1 .75-.75Z"
          />
        </svg>
      </div>
      <h3 id="oauth-apps-empty-heading" className="mt-4 text-base font-semibold text-slate-900">
        No OAuth apps yet
      </h3>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        An OAuth app is a third-party integration that acts for a user who authorizes it, instead of
        asking them to paste an API key. People of {organizationName} sign in, choose what it may
        do, and can revoke it at any time; the app never sees their password.
      </p>
      {onRegister ? (
        <Button className="mt-6" onClick={onRegister}>
          Register app
        </Button>
      ) : null}
    </section>
  );
}
