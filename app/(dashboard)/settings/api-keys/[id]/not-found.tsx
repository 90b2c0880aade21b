import { NotHere } from "@/components/ui/not-here";

export default function ApiKeyNotFound() {
  return (
    <NotHere
      title="This API key is not here"
      backHref="/settings/api-keys"
      backLabel="Back to API keys"
    >
      It does not exist, belongs to another organization, or was created by someone else. Check the
      organization you are in, at the top of the page.
    </NotHere>
  );
}
