"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ClientId } from "./client-id";
import { ClientTypeBadge } from "./client-type-badge";
import type { OAuthApp } from "./oauth-app-types";

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
 * An app's credentials after registering it or creating a secret: its client_id, and a client
 * secret exactly once. The secret comes in as a prop from the state of whoever opened this dialog
 * and is dropped when it closes: never cached, stored or put in the URL, so a reload cannot bring
 * it back. Hence, as for API keys, closing without copying it asks first. A public app has no
 * secret: the dialog shows its client_id and closes freely.
 */
export function AppCredentialsDialog({
  app,
  secret,
  title,
  note,
  onClose,
}: {
  app: Pick<OAuthApp, "name" | "client_id" | "client_type">;
  secret: string | null;
  title: string;
  note?: string;
  onClose: () => void;
}) {
  const fieldId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const [everCopied, setEverCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const goBackRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) goBackRef.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    if (!secret) return;
    const ok = await copyText(secret, fieldRef.current);
    setCopyFailed(!ok);
    if (ok) {
      setCopied(true);
      setEverCopied(true);
      setConfirming(false);
    }
  }

  // Escape, the close button and Done all land here: with a secret not yet copied, only the
  // explicit "Close without copying" may throw it away.
  function requestClose() {
    if (!secret || everCopied) onClose();
    else setConfirming(true);
  }

  return (
    <Dialog
      title={title}
      description={
        <span className="inline-flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-800">{app.name}</span>
          <ClientTypeBadge type={app.client_type} />
        </span>
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
          <Button onClick={requestClose} data-autofocus={secret ? undefined : true}>
            Done
          </Button>
        )
      }
    >
      <div className="space-y-5">
        {confirming ? (
          <div
            role="alert"
            className="rounded-lg bg-red-50 px-3.5 py-3 text-sm text-red-800 ring-1 ring-red-200"
          >
            <p className="font-semibold">You haven't copied this client secret.</p>
            <p className="mt-0.5">
              Once this dialog is closed the secret cannot be shown again; you would have to
              generate a new one.
            </p>
          </div>
        ) : null}

        {secret ? (
          <div className="flex gap-2.5 rounded-lg bg-amber-50 px-3.5 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0">
              <path
                fill="currentColor"
                d="M8.5 2.9a1.7 1.7 0 0 1 3 0l6.3 11.3a1.7 1.7 0 0 1-1.5 2.6H3.7a1.7 1.7 0 0 1-1.5-2.6L8.5 2.9ZM10 7a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0v-3.5A.75.75 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              />
            </svg>
            <p>
              <strong className="font-semibold">
                Copy the client secret now: you won't see it again.
              </strong>{" "}
              We keep only a hash of it. Store it in your app's server configuration or a secret
              manager, never in a browser or a mobile app.
            </p>
          </div>
        ) : (
          <p className="rounded-lg bg-sky-50 px-3.5 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
            A public app has no client secret: it proves each authorization with PKCE (S256). Put
            the client ID in your app; it is not a secret.
          </p>
        )}

        {note ? <p className="text-sm text-slate-600">{note}</p> : null}

        <div className="space-y-1.5">
          <p className="text-sm font-medium text-slate-800">Client ID</p>
          <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
            <ClientId clientId={app.client_id} appName={app.name} />
          </div>
        </div>

        {secret ? (
          <div className="space-y-1.5">
            <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
              Client secret
            </label>
            <div className="flex flex-col gap-2 sm:flex-row">
              {/* A textarea that grows to its content: the whole secret stays readable on a phone. */}
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
                onClick={() => void copy()}
                aria-label={copied ? "Copied" : "Copy client secret"}
                className="sm:w-28"
                variant={copied ? "secondary" : "primary"}
              >
                {copied ? (
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
                  Copying failed. Select the secret and copy it with your keyboard.
                </span>
              ) : copied ? (
                <span className="text-emerald-700">Client secret copied to the clipboard.</span>
              ) : null}
            </p>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
