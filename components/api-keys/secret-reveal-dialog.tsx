"use client";

import { useEffect, useId, useRef, useState } from "react";
import { usePublicOrigin } from "@/components/public-url";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ExactTime, RelativeTime } from "@/components/ui/relative-time";
import type { ApiKey } from "./api-key-types";
import { MaskedKey } from "./masked-key";
import { ScopeBadges } from "./scope-badges";

/** Writes text to the clipboard; falls back to selecting it in a field and copying that. */
async function copyText(text: string, fallbackField: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackField) return false;
    fallbackField.select();
    return document.execCommand("copy");
  }
}

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
  const fieldId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"key" | "curl" | null>(null);
  const [everCopied, setEverCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // PUBLIC_URL, or this page's own origin: never a host taken from request headers.
  const origin = usePublicOrigin();
  const goBackRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) goBackRef.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const curl = `curl ${origin}/api/v1/auth/me \\\n  -H "Authorization: Bearer ${secret}"`;

  async function copy(what: "key" | "curl") {
    const ok = await copyText(what === "key" ? secret : curl, fieldRef.current);
    setCopyFailed(!ok);
    if (ok) {
      setCopied(what);
      setEverCopied(true);
      setConfirming(false);
    }
  }

  // Escape, the close button and Done all land here: without a copy, only the explicit
  // "Close without copying" may throw the secret away.
  function requestClose() {
    if (everCopied) onClose();
    else setConfirming(true);
  }

  return (
    <Dialog
      title={title}
      description={
        <>
          <span className="font-medium text-slate-800">{apiKey.name}</span> ·{" "}
          <MaskedKey apiKey={apiKey} />
        </>
      }
      onClose={requestClose}
      size="lg"
      footer={
        confirming ? (
          <>
            <button
              ref={goBackRef}
              type="button"
              className={buttonClass("secondary")}
              onClick={() => setConfirming(false)}
            >
              Go back
            </button>
            <Button variant="danger" onClick={onClose}>
              Close without copying
            </Button>
          </>
        ) : (
          <Button onClick={requestClose}>Done</Button>
        )
      }
    >
      <div className="space-y-5">
        {confirming ? (
          <div
            role="alert"
            className="rounded-lg bg-red-50 px-3.5 py-3 text-sm text-red-800 ring-1 ring-red-200"
          >
            <p className="font-semibold">You haven't copied this key.</p>
            <p className="mt-0.5">
              Once this dialog is closed the key cannot be shown again; you would have to rotate it
              to get a new one.
            </p>
          </div>
        ) : null}
        <div className="flex gap-2.5 rounded-lg bg-amber-50 px-3.5 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0">
            <path
              fill="currentColor"
              d="M8.5 2.9a1.7 1.7 0 0 1 3 0l6.3 11.3a1.7 1.7 0 0 1-1.5 2.6H3.7a1.7 1.7 0 0 1-1.5-2.6L8.5 2.9ZM10 7a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0v-3.5A.75.75 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
            />
          </svg>
          <p>
            <strong className="font-semibold">Copy the key now: it won't be shown again.</strong> We
            keep only a hash of it. Store it in a secret manager or an environment variable.
          </p>
        </div>

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

        <div className="space-y-1.5">
          <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
            Secret key
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            {/* A textarea that grows to its content: the whole key stays readable on a phone. */}
            <textarea
              ref={fieldRef}
              id={fieldId}
              readOnly
              rows={1}
              value={secret}
              spellCheck={false}
              autoComplete="off"
              data-autofocus
              onFocus={(e) => e.currentTarget.select()}
              className="field-sizing-content block w-full min-w-0 flex-1 resize-none rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-sm break-all text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 focus:outline-none focus:ring-inset"
            />
            <Button
              onClick={() => void copy("key")}
              className="sm:w-28"
              variant={copied === "key" ? "secondary" : "primary"}
            >
              {copied === "key" ? (
                <>
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-emerald-600">
                    <path
                      fill="currentColor"
                      d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4l3.3 3.3 7.3-7.3a1 1 0 0 1 1.4 0Z"
                    />
                  </svg>
                  Copied
                </>
              ) : (
                "Copy"
              )}
            </Button>
          </div>
          <p aria-live="polite" className="min-h-4 text-xs">
            {copyFailed ? (
              <span className="text-red-600">
                Copying failed. Select the key and copy it with your keyboard.
              </span>
            ) : copied === "key" ? (
              <span className="text-emerald-700">Key copied to the clipboard.</span>
            ) : null}
          </p>
        </div>

        <div className="space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-slate-800">Try it</p>
            <button
              type="button"
              onClick={() => void copy("curl")}
              className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {copied === "curl" ? "Copied" : "Copy command"}
            </button>
          </div>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">
            <code>{curl}</code>
          </pre>
          {/* The command's own status, beside it: not under the secret field. */}
          <p aria-live="polite" className="text-xs">
            {copied === "curl" ? <span className="text-emerald-700">Command copied. </span> : null}
            <span className="text-slate-500">
              A working key answers with your user and organization.
            </span>
          </p>
        </div>
      </div>
    </Dialog>
  );
}
