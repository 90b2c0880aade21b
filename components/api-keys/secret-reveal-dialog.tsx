"use client";

import { usePublicOrigin } from "@/components/public-url";
import { Dialog } from "@/components/ui/dialog";
import { ExactTime, RelativeTime } from "@/components/ui/relative-time";
import {
  NotCopiedAlert,
  SecretField,
  ShowOnceFooter,
  ShowOnceWarning,
  useShowOnce,
} from "@/components/ui/show-once-secret";
import type { ApiKey } from "./api-key-types";
import { MaskedKey } from "./masked-key";
import { ScopeBadges } from "./scope-badges";

/**
 * Shows a new secret exactly once. The secret comes in as a prop from the state of whoever opened
 * this dialog and is dropped when it closes: it is never cached, stored or put in the URL, so a
 * reload cannot bring it back. Hence the insistence on copying it before closing.
 */
export function SecretRevealDialog({
  secret,
  apiKey,
  title,
  note,
  onClose,
}: {
  secret: string;
  apiKey: Pick<ApiKey, "name" | "prefix" | "last4" | "scopes" | "expires_at">;
  title: string;
  note?: string;
  onClose: () => void;
}) {
  const showOnce = useShowOnce<"key" | "curl">({ needsCopy: true, onClose });
  // PUBLIC_URL, or this page's own origin: never a host taken from request headers.
  const origin = usePublicOrigin();
  const curl = `curl ${origin}/api/v1/auth/me \\\n  -H "Authorization: Bearer ${secret}"`;

  return (
    <Dialog
      title={title}
      description={
        <>
          <span className="font-medium text-slate-800">{apiKey.name}</span> ·{" "}
          <MaskedKey apiKey={apiKey} />
        </>
      }
      onClose={showOnce.requestClose}
      size="lg"
      footer={<ShowOnceFooter showOnce={showOnce} />}
    >
      <div className="space-y-5">
        {showOnce.confirming ? (
          <NotCopiedAlert title="You haven't copied this key.">
            Once this dialog is closed the key cannot be shown again; you would have to rotate it to
            get a new one.
          </NotCopiedAlert>
        ) : null}
        <ShowOnceWarning>
          <strong className="font-semibold">Copy the key now: it won't be shown again.</strong> We
          keep only a hash of it. Store it in a secret manager or an environment variable.
        </ShowOnceWarning>

        {note ? <p className="text-sm text-slate-600">{note}</p> : null}

        {/* The choices repeated, so a wrong scope or expiry is caught before the key is used. */}
        <section aria-label="What this key can do">
          <dl className="grid gap-x-4 gap-y-2 rounded-lg p-3 text-sm ring-1 ring-slate-200 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-800">Scopes</dt>
            <dd className="min-w-0">
              <ScopeBadges scopes={apiKey.scopes} />
            </dd>
            <dt className="font-medium text-slate-800">Expires</dt>
            <dd className="text-slate-700">
              {apiKey.expires_at ? (
                <>
                  <RelativeTime date={apiKey.expires_at} /> (
                  <ExactTime date={apiKey.expires_at} />)
                </>
              ) : (
                "Never: it works until someone revokes it"
              )}
            </dd>
          </dl>
        </section>

        <SecretField
          label="Secret key"
          secret={secret}
          fieldRef={showOnce.fieldRef}
          copied={showOnce.copied === "key"}
          copyFailed={showOnce.copyFailed}
          onCopy={() => void showOnce.copy("key", secret)}
          failedText="Copying failed. Select the key and copy it with your keyboard."
          copiedText="Key copied to the clipboard."
        />

        <div className="space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-slate-800">Try it</p>
            <button
              type="button"
              onClick={() => void showOnce.copy("curl", curl)}
              className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {showOnce.copied === "curl" ? "Copied" : "Copy command"}
            </button>
          </div>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">
            <code>{curl}</code>
          </pre>
          {/* The command's own status, beside it: not under the secret field. */}
          <p aria-live="polite" className="text-xs">
            {showOnce.copied === "curl" ? (
              <span className="text-emerald-700">Command copied. </span>
            ) : null}
            <span className="text-slate-500">
              A working key answers with your user and organization.
            </span>
          </p>
        </div>
      </div>
    </Dialog>
  );
}
