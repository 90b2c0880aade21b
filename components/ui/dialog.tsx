"use client";

import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { Button } from "./button";

type Size = "sm" | "md" | "lg";

const WIDTHS: Record<Size, string> = {
  sm: "max-w-md",
  md: "max-w-lg",
  lg: "max-w-2xl",
};

/**
 * A modal dialog on the native <dialog> element: showModal() puts it in the top layer, makes the
 * rest of the page inert (so focus stays inside) and turns Escape into a "cancel" event. Render it
 * only while it is open; unmounting closes it and gives focus back to whatever opened it.
 *
 * Escape and the close button only *ask* to close (onClose): the parent decides, which is how the
 * secret reveal can insist on a confirmation first. With `discardWarning` set (a half-filled
 * form), they first ask, in the dialog's footer, whether to throw away what was typed; Escape
 * again keeps editing. The footer's own Cancel is a deliberate choice and does not ask.
 */
export function Dialog({
  title,
  description,
  children,
  footer,
  onClose,
  size = "md",
  role = "dialog",
  hideCloseButton = false,
  discardWarning = null,
}: {
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  onClose: () => void;
  size?: Size;
  role?: "dialog" | "alertdialog";
  hideCloseButton?: boolean;
  /** What closing would throw away, when anything: Escape and ✕ then ask first. */
  discardWarning?: string | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  // Whether this component wants the dialog open, and how many of our own close() calls still have
  // their "close" event to come.
  const wantOpen = useRef(false);
  const ownCloses = useRef(0);

  const [askingToDiscard, setAskingToDiscard] = useState(false);
  const keepEditingRef = useRef<HTMLButtonElement>(null);
  const discardRef = useRef({ warning: discardWarning, asking: askingToDiscard });

  useEffect(() => {
    onCloseRef.current = onClose;
    discardRef.current = { warning: discardWarning, asking: askingToDiscard };
  });
  useEffect(() => {
    if (askingToDiscard) keepEditingRef.current?.focus();
  }, [askingToDiscard]);

  /** Escape or ✕: straight to the parent, unless a half-filled form should be confirmed first. */
  const requestClose = () => {
    const { warning, asking } = discardRef.current;
    if (!warning) return onCloseRef.current();
    setAskingToDiscard(!asking);
  };

  // Layout effect: open before the first paint, so the dialog never flashes in the page flow.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    wantOpen.current = true;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element (the close button); a form wants its
    // first field instead.
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      wantOpen.current = false;
      if (dialog.open) {
        ownCloses.current += 1;
        dialog.close();
      }
      // Give focus back to the control that opened the dialog, when it is still on the page.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-modal="true"
      onCancel={(event) => {
        // Escape: let the parent decide (it may want a confirmation first).
        event.preventDefault();
        requestClose();
      }}
      onClose={() => {
        // Our close() fires "close" later, even after StrictMode has remounted us and reopened the
        // dialog: that event is ours, not the user's. So is any close while we no longer want it.
        if (ownCloses.current > 0) {
          ownCloses.current -= 1;
          return;
        }
        if (!wantOpen.current) return;
        // Chromium may close a dialog on a repeated Escape even when "cancel" was prevented.
        // While the parent still renders us, reopen and pass the request on.
        const dialog = ref.current;
        if (dialog && !dialog.open) dialog.showModal();
        requestClose();
      }}
      className={`m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] ${WIDTHS[size]} flex-col overflow-hidden rounded-xl bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/50 backdrop:backdrop-blur-[2px] open:flex`}
    >
      <div className="flex items-start gap-4 border-b border-slate-100 px-5 pt-5 pb-4 sm:px-6">
        <div className="min-w-0 flex-1">
          <h2
            id={titleId}
            className="text-base font-semibold text-slate-900 [overflow-wrap:anywhere]"
          >
            {title}
          </h2>
          {description ? (
            <p id={descriptionId} className="mt-1 text-sm text-slate-600 [overflow-wrap:anywhere]">
              {description}
            </p>
          ) : null}
        </div>
        {hideCloseButton ? null : (
          <button
            type="button"
            aria-label="Close"
            onClick={requestClose}
            className="-mt-1 -mr-2 grid size-8 shrink-0 place-items-center rounded-md text-slate-400 hover:bg-slate-100 hover:text-slate-600 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5">
              <path
                fill="currentColor"
                d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z"
              />
            </svg>
          </button>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-5 py-5 sm:px-6">{children}</div>
      {askingToDiscard && discardWarning ? (
        <div
          role="alert"
          className="flex flex-col gap-3 border-t border-amber-200 bg-amber-50 px-5 py-3.5 sm:flex-row sm:items-center sm:justify-between sm:px-6"
        >
          <p className="text-sm text-amber-900">{discardWarning}</p>
          <div className="flex shrink-0 flex-col-reverse gap-2 sm:flex-row">
            <Button
              ref={keepEditingRef}
              variant="secondary"
              onClick={() => setAskingToDiscard(false)}
            >
              Keep editing
            </Button>
            <Button variant="danger" onClick={() => onCloseRef.current()}>
              Discard
            </Button>
          </div>
        </div>
      ) : footer ? (
        <div className="flex flex-col-reverse gap-2 border-t border-slate-100 bg-slate-50/70 px-5 py-3.5 sm:flex-row sm:justify-end sm:px-6">
          {footer}
        </div>
      ) : null}
    </dialog>
  );
}
