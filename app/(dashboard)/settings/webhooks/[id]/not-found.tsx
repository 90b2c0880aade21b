import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function WebhookNotFound() {
  return (
    <div className="rounded-xl bg-white px-6 py-12 text-center shadow-sm ring-1 ring-slate-200">
      <h2 className="text-base font-semibold text-slate-900">This webhook endpoint is not here</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        It does not exist, was deleted, or belongs to another organization. Check the organization
        you are in, at the top of the page.
      </p>
      <Link href="/settings/webhooks" className={buttonClass("secondary", "mt-6")}>
        Back to webhooks
      </Link>
    </div>
  );
}
