import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

const ICON =
  "M15.75 1.5a6.75 6.75 0 0 0-6.65 7.92L1.72 16.8a.75.75 0 0 0-.22.53v4.42c0 .41.34.75.75.75h4.5a.75.75 0 0 0 .75-.75v-1.5h1.5a.75.75 0 0 0 .75-.75v-1.5h1.5a.75.75 0 0 0 .53-.22l1.08-1.08A6.75 6.75 0 1 0 15.75 1.5Zm0 3a.75.75 0 0 0 0 1.5 2.25 2.25 0 0 1 2.25 2.25.75.75 0 0 0 1.5 0 3.75 3.75 0 0 0-3.75-3.75Z";

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
    <EmptyState
      id="api-keys-empty"
      icon={ICON}
      title="No API keys yet"
      action={
        onCreate ? (
          <Button className="mt-6" onClick={onCreate}>
            Create New API Key
          </Button>
        ) : null
      }
    >
      <p>
        An API key lets a program (a script, a CI job, an integration) call the Voltasis API as you,
        inside {organizationName}, limited to the scopes you choose. You see its secret once, when
        you create it, and you can revoke it at any time.
      </p>
    </EmptyState>
  );
}
