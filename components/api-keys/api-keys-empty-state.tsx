import { Button } from "@/components/ui/button";

/** First visit: what an API key is, and the one thing to do next. */
export function ApiKeysEmptyState({
  organizationName,
  onCreate,
}: {
  organizationName: string;
  /** Absent when the viewer may not create keys here (a platform admin visiting). */
  onCreate?: () => void;
}) {
  return (
    <section
      aria-labelledby="api-keys-empty-heading"
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
    >
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6">
          <path
            fill="currentColor"
            d="M15.75 1.5a6.75 6.75 0 0 0-6.65 7.92L1.72 16.8a.75.75 0 0 0-.22.53v4.42c0 .41.34.75.75.75h4.5a.75.75 0 0 0 .75-.75v-1.5h1.5a.75.75 0 0 0 .75-.75v-1.5h1.5a.75.75 0 0 0 .53-.22l1.08-1.08A6.75 6.75 0 1 0 15.75 1.5Zm0 3a.75.75 0 0 0 0 1.5 2.25 2.25 0 0 1 2.25 2.25.75.75 0 0 0 1.5 0 3.75 3.75 0 0 0-3.75-3.75Z"
          />
        </svg>
      </div>
      <h3 id="api-keys-empty-heading" className="mt-4 text-base font-semibold text-slate-900">
        No API keys yet
      </h3>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        An API key lets a program (a script, a CI job, an integration) call the Voltasis API as you,
        inside {organizationName}, limited to the scopes you choose. You see its secret once, when
        you create it, and you can revoke it at any time.
      </p>
      {onCreate ? (
        <Button className="mt-6" onClick={onCreate}>
          Create New API Key
        </Button>
      ) : null}
    </section>
  );
}
