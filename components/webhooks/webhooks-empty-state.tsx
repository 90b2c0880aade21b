import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

const ICON =
  "M14.615 1.595a.75.75 0 0 1 .359.852L12.982 9.75h7.268a.75.75 0 0 1 .548 1.262l-10.5 11.25a.75.75 0 0 1-1.272-.71l1.992-7.302H3.75a.75.75 0 0 1-.548-1.262l10.5-11.25a.75.75 0 0 1 .913-.143Z";

/** First visit: what a webhook is, how it is signed, and the one thing to do next. */
export function WebhooksEmptyState({
  organizationName,
  onAdd,
}: {
  organizationName: string;
  /** Absent when the viewer may not add endpoints here (a platform admin visiting). */
  onAdd?: () => void;
}) {
  return (
    <EmptyState
      id="webhooks-empty"
      icon={ICON}
      title="No webhook endpoints yet"
      action={
        onAdd ? (
          <Button className="mt-6" onClick={onAdd}>
            Add endpoint
          </Button>
        ) : null
      }
    >
      <p>
        A webhook tells your systems when something happens in {organizationName}: a key is created,
        revoked or reported leaked, a member joins or leaves. Voltasis POSTs a JSON event to your
        URL within seconds and retries for about a day if it is down.
      </p>
      <p>
        Every delivery is signed as the Standard Webhooks spec defines, so any{" "}
        <code>standardwebhooks</code> library can check that it comes from Voltasis.
      </p>
    </EmptyState>
  );
}
