import { Button } from "./button";

/** A failed load, said plainly, with a way to try again. */
export function ErrorState({
  title,
  message,
  onRetry,
  retrying = false,
}: {
  title: string;
  message?: string;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-3 rounded-xl bg-red-50 p-5 ring-1 ring-red-200 sm:flex-row sm:items-center"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 shrink-0 text-red-500">
        <path
          fill="currentColor"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 0-.75.75v4.5a.75.75 0 0 0 1.5 0v-4.5A.75.75 0 0 0 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
        />
      </svg>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold text-red-800">{title}</p>
        {message ? <p className="mt-0.5 text-sm text-red-700">{message}</p> : null}
      </div>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry} disabled={retrying}>
          {retrying ? "Retrying…" : "Retry"}
        </Button>
      ) : null}
    </div>
  );
}

/** The slice of a TanStack query a failed load reads: its error, and a way to fetch it again. */
interface RetryableQuery {
  error: Error | null;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** A query that failed to load, with its message and a Retry that fetches it again. */
export function QueryErrorState({ title, query }: { title: string; query: RetryableQuery }) {
  return (
    <ErrorState
      title={title}
      message={query.error?.message}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  );
}
