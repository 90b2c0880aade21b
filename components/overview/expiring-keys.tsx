import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import { DateWithHint } from "@/components/ui/relative-time";
import type { ExpiringApiKey } from "@/server/api-keys/expiring-api-keys";

/** Keys that stop working within 7 days, soonest first, each opening its key page. */
export function ExpiringKeys({ keys, total }: { keys: ExpiringApiKey[]; total: number }) {
  return (
    <Panel
      id="expiring-keys"
      title="Keys expiring soon"
      description="Active keys that stop working within 7 days. Rotate them before programs get 401."
    >
      {keys.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No key expires in the next 7 days.</p>
      ) : (
        <>
          <ul className="mt-4 divide-y divide-slate-100">
            {keys.map((key) => (
              <li key={key.id} className="py-3 first:pt-0 last:pb-0">
                <Link
                  href={`/settings/api-keys/${encodeURIComponent(key.id)}`}
                  className="block truncate font-medium text-brand-700 hover:underline"
                >
                  {key.name}
                </Link>
                <p className="mt-0.5 text-sm text-slate-600">
                  <DateWithHint prefix="Expires" date={key.expiresAt} inline />
                </p>
                <p className="font-mono text-xs text-slate-500">
                  {key.prefix}…{key.last4}
                </p>
              </li>
            ))}
          </ul>
          {total > keys.length ? (
            <p className="mt-3 text-sm">
              <Link
                href="/settings/api-keys?status=expiring_soon"
                className="font-medium text-brand-700 hover:underline"
              >
                All {total} expiring keys
              </Link>
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}
