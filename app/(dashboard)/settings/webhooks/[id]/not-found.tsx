import { NotHere } from "@/components/ui/not-here";

export default function WebhookNotFound() {
  return (
    <NotHere
      title="This webhook endpoint is not here"
      backHref="/settings/webhooks"
      backLabel="Back to webhooks"
    />
  );
}
