"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";

export interface PageErrorProps {
  error: Error & { digest?: string };
  /** Next's error-boundary retry: refetches the server components, then re-renders. */
  retry?: () => void;
  reset: () => void;
}

/**
 * What a dashboard page shows when its server side failed, usually because the database is
 * briefly unreachable. Production hides the cause from the browser, so the page says what is
 * likely and safe to say, offers a retry, and shows the reference the server log carries.
 */
export function PageError({ error, retry, reset }: PageErrorProps) {
  // Pending until the refetched page has rendered (or failed again).
  const [retrying, startRetry] = useTransition();

  return (
    <section
      role="alert"
      aria-labelledby="page-error-title"
      className="mx-auto my-16 max-w-lg rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200"
    >
      <h1 id="page-error-title" className="text-lg font-semibold text-slate-900">
        This page is temporarily unavailable
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        Voltasis could not load it, usually because a service it depends on (such as the database)
        is not answering for a moment. Your API keys and data are safe, and keys keep working as
        soon as it is back. Please try again in a few seconds.
      </p>
      <div className="mt-5 flex justify-center gap-3">
        <Button onClick={() => startRetry(() => (retry ?? reset)())} disabled={retrying}>
          {retrying ? "Retrying…" : "Retry"}
        </Button>
        <a
          href="/dashboard"
          className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100"
        >
          Go to the overview
        </a>
      </div>
      {error.digest ? (
        <p className="mt-4 text-xs text-slate-400">Reference: {error.digest}</p>
      ) : null}
    </section>
  );
}
