import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

const ICON =
  "M4.5 3.75A2.25 2.25 0 0 0 2.25 6v3A2.25 2.25 0 0 0 4.5 11.25h3A2.25 2.25 0 0 0 9.75 9V6A2.25 2.25 0 0 0 7.5 3.75h-3Zm12 0A2.25 2.25 0 0 0 14.25 6v3a2.25 2.25 0 0 0 2.25 2.25h3A2.25 2.25 0 0 0 21.75 9V6a2.25 2.25 0 0 0-2.25-2.25h-3ZM2.25 16.5a2.25 2.25 0 0 1 2.25-2.25h3a2.25 2.25 0 0 1 2.25 2.25v3A2.25 2.25 0 0 1 7.5 21.75h-3a2.25 2.25 0 0 1-2.25-2.25v-3Zm15-2.25a.75.75 0 0 1 .75.75v2.25h2.25a.75.75 0 0 1 0 1.5H18V21a.75.75 0 0 1-1.5 0v-2.25h-2.25a.75.75 0 0 1 0-1.5h2.25V15a.75.75 0 0 1 .75-.75Z";

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
    <EmptyState
      id="oauth-apps-empty"
      icon={ICON}
      title="No OAuth apps yet"
      action={
        onRegister ? (
          <Button className="mt-6" onClick={onRegister}>
            Register app
          </Button>
        ) : null
      }
    >
      <p>
        An OAuth app is a third-party integration that acts for a user who authorizes it, instead of
        asking them to paste an API key. People of {organizationName} sign in, choose what it may
        do, and can revoke it at any time; the app never sees their password.
      </p>
    </EmptyState>
  );
}
