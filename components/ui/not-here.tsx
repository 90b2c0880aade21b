import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./button";

const USUAL_REASONS =
  "It does not exist, was deleted, or belongs to another organization. " +
  "Check the organization you are in, at the top of the page.";

/** A detail page's 404: what is not here, why that may be, and the way back to the list. */
export function NotHere({
  title,
  children,
  backHref,
  backLabel,
}: {
  title: string;
  /** Why it may be missing, if not for the usual reasons. */
  children?: ReactNode;
  backHref: string;
  backLabel: string;
}) {
  return (
    <div className="rounded-xl bg-white px-6 py-12 text-center shadow-sm ring-1 ring-slate-200">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{children ?? USUAL_REASONS}</p>
      <Link href={backHref} className={buttonClass("secondary", "mt-6")}>
        {backLabel}
      </Link>
    </div>
  );
}
