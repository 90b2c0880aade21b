import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/**
 * The page's heading: "Welcome back" only for someone who has been here before; a person in their
 * first session (just set up or just joined from an invitation) is welcomed.
 */
export function OverviewHeader({
  organizationName,
  userName,
  firstSession,
}: {
  organizationName: string;
  userName: string;
  firstSession: boolean;
}) {
  const firstName = userName.split(" ")[0] || userName;
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <p className="text-sm font-medium text-brand-600">{organizationName}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
          {firstSession ? `Welcome, ${firstName}` : `Welcome back, ${firstName}`}
        </h1>
      </div>
      <Link href="/settings/api-keys" className={buttonClass("primary")}>
        Manage API keys
      </Link>
    </div>
  );
}
