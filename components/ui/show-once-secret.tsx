"use client";

import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";

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
 * The show-once rule of a dialog that reveals a secret (an API key, a client secret): the secret
 * lives only in the opener's state, so closing without having copied it asks first. `needsCopy`
 * is false when there is nothing secret to lose. `T` names what can be copied (the secret, a
 * command built from it); `copied` flashes the last one copied for a moment.
 */
export function useShowOnce<T extends string>({
  needsCopy,
  onClose,
}: {
  needsCopy: boolean;
  onClose: () => void;
}) {
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const goBackRef = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState<T | null>(null);
  const [everCopied, setEverCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (confirming) goBackRef.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy(what: T, text: string) {
    const ok = await copyText(text, fieldRef.current);
    setCopyFailed(!ok);
    if (ok) {
      setCopied(what);
      setEverCopied(true);
      setConfirming(false);
    }
  }

  // Escape, the close button and Done all land here: with a secret not yet copied, only the
  // explicit "Close without copying" may throw it away.
  function requestClose() {
    if (!needsCopy || everCopied) onClose();
    else setConfirming(true);
  }

  return {
    fieldRef,
    goBackRef,
    copied,
    copyFailed,
    confirming,
    copy,
    requestClose,
    goBack: () => setConfirming(false),
    onClose,
  };
}

type ShowOnceClosing = Pick<
  ReturnType<typeof useShowOnce>,
  "confirming" | "goBackRef" | "goBack" | "requestClose" | "onClose"
>;

/** Done, or, while asking before an uncopied secret is thrown away, Go back and Close without copying. */
export function ShowOnceFooter({
  showOnce,
  doneAutofocus = false,
}: {
  showOnce: ShowOnceClosing;
  /** Done takes the focus (when there is no secret field to take it). */
  doneAutofocus?: boolean;
}) {
  return showOnce.confirming ? (
    <>
      <button
        ref={showOnce.goBackRef}
        type="button"
        className={buttonClass("secondary")}
        onClick={showOnce.goBack}
      >
        Go back
      </button>
      <Button variant="danger" onClick={showOnce.onClose}>
        Close without copying
      </Button>
    </>
  ) : (
    <Button onClick={showOnce.requestClose} data-autofocus={doneAutofocus ? true : undefined}>
      Done
    </Button>
  );
}

/** The alert shown while asking: `title` says what was not copied, `children` what that costs. */
export function NotCopiedAlert({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      role="alert"
      className="rounded-lg bg-red-50 px-3.5 py-3 text-sm text-red-800 ring-1 ring-red-200"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-0.5">{children}</p>
    </div>
  );
}

/** The standing warning above a secret: copy it now, it will not be shown again. */
export function ShowOnceWarning({ children }: { children: ReactNode }) {
  return (
    <div className="flex gap-2.5 rounded-lg bg-amber-50 px-3.5 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0">
        <path
          fill="currentColor"
          d="M8.5 2.9a1.7 1.7 0 0 1 3 0l6.3 11.3a1.7 1.7 0 0 1-1.5 2.6H3.7a1.7 1.7 0 0 1-1.5-2.6L8.5 2.9ZM10 7a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0v-3.5A.75.75 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
        />
      </svg>
      <p>{children}</p>
    </div>
  );
}

/**
 * The secret in a read-only field that takes the focus and selects itself, with its Copy button
 * and a live line for the outcome (`failedText`, `copiedText`).
 */
export function SecretField({
  label,
  secret,
  fieldRef,
  copied,
  copyFailed,
  onCopy,
  copyLabel,
  failedText,
  copiedText,
}: {
  label: string;
  secret: string;
  fieldRef: RefObject<HTMLTextAreaElement | null>;
  /** The secret itself was copied a moment ago. */
  copied: boolean;
  copyFailed: boolean;
  onCopy: () => void;
  /** The Copy button's accessible name, where "Copy" alone is not enough. */
  copyLabel?: string;
  failedText: string;
  copiedText: string;
}) {
  const fieldId = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {label}
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
          onClick={onCopy}
          aria-label={copyLabel ? (copied ? "Copied" : copyLabel) : undefined}
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
          <span className="text-red-600">{failedText}</span>
        ) : copied ? (
          <span className="text-emerald-700">{copiedText}</span>
        ) : null}
      </p>
    </div>
  );
}
