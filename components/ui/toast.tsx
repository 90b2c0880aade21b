"use client";

import { useCallback, useEffect, useState } from "react";

const TOAST_MS = 6000;

/**
 * One short confirmation at a time ("Revoked “Nightly export”"), in a polite live region so
 * screen readers announce it without taking focus. It leaves by itself, or with its close button.
 */
export function useToast(): { show: (message: string) => void; toast: React.ReactNode } {
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  const show = useCallback((text: string) => setMessage({ text, id: Date.now() }), []);

  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [message]);

  const toast = (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      <div role="status" aria-live="polite" className="pointer-events-auto">
        {message ? (
          <div className="flex items-center gap-3 rounded-lg bg-slate-900 py-2.5 pr-2 pl-4 text-sm text-white shadow-lg">
            <span>{message.text}</span>
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => setMessage(null)}
              className="grid size-7 place-items-center rounded-md text-slate-300 hover:bg-white/10 hover:text-white focus-visible:outline-2 focus-visible:outline-white"
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
                <path
                  fill="currentColor"
                  d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z"
                />
              </svg>
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
  return { show, toast };
}
