import { NotHere } from "@/components/ui/not-here";

export default function OAuthAppNotFound() {
  return (
    <NotHere
      title="This OAuth app is not here"
      backHref="/settings/oauth-apps"
      backLabel="Back to OAuth apps"
    />
  );
}
