"use client";

import { useEffect, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { MAX_REDIRECT_URIS } from "./oauth-app-types";

/**
 * The app's redirect URIs as a list of rows, each with its own field, message and Remove button;
 * "Add redirect URI" appends one (up to the API's ten). Focus follows: to a new row when it is
 * added, to the row before (or the Add button) when one is removed.
 */
export function RedirectUrisField({
  id,
  rows,
  onChange,
  error,
  rowErrors = {},
  disabled = false,
}: {
  /** Prefix of the ids of the rows' fields, unique on the page. */
  id: string;
  rows: string[];
  onChange: (rows: string[]) => void;
  /** About the list as a whole: none given, a repeat. */
  error?: string;
  /** By row position. */
  rowErrors?: Record<number, string>;
  disabled?: boolean;
}) {
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  // The row to focus once the list has re-rendered (-1: the Add button).
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    const target =
      focusRow < 0
        ? addRef.current
        : listRef.current?.querySelectorAll<HTMLInputElement>("input")[focusRow];
    target?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const full = rows.length >= MAX_REDIRECT_URIS;

  return (
    <fieldset className="min-w-0 space-y-2" aria-describedby={error ? errorId : hintId}>
      <legend className="text-sm font-medium text-slate-800">Redirect URIs</legend>
      <p id={hintId} className="text-xs text-slate-500">
        Where users are sent back after they authorize the app, matched exactly. https, http on
        127.0.0.1 or localhost (any port), or a native app&apos;s scheme such as
        com.example.app:/callback.
      </p>
      <ol ref={listRef} className="space-y-2">
        {rows.map((value, index) => {
          const fieldId = `${id}-${index}`;
          const rowError = rowErrors[index];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position in the list
            <li key={index} className="space-y-1">
              <div className="flex gap-2">
                <label htmlFor={fieldId} className="sr-only">
                  Redirect URI {index + 1}
                </label>
                <input
                  id={fieldId}
                  type="url"
                  inputMode="url"
                  value={value}
                  disabled={disabled}
                  placeholder="https://app.example.com/oauth/callback"
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={rowError ? true : undefined}
                  aria-describedby={rowError ? `${fieldId}-error` : undefined}
                  onChange={(e) => onChange(rows.map((r, i) => (i === index ? e.target.value : r)))}
                  className={`${inputClass} min-w-0 flex-1 font-mono`}
                />
                <button
                  type="button"
                  aria-label={`Remove redirect URI ${index + 1}`}
                  title="Remove"
                  disabled={disabled || rows.length === 1}
                  onClick={() => {
                    onChange(rows.filter((_, i) => i !== index));
                    setFocusRow(index > 0 ? index - 1 : rows.length > 1 ? 0 : -1);
                  }}
                  className="grid size-9 shrink-0 place-items-center rounded-md text-slate-500 ring-1 ring-slate-300 ring-inset hover:bg-red-50 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent disabled:hover:text-slate-500"
                >
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
                    <path
                      fill="currentColor"
                      d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z"
                    />
                  </svg>
                </button>
              </div>
              {rowError ? (
                <p
                  id={`${fieldId}-error`}
                  className="text-sm text-red-600 [overflow-wrap:anywhere]"
                >
                  {rowError}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {error ? (
        <p id={errorId} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <button
        ref={addRef}
        type="button"
        disabled={disabled || full}
        onClick={() => {
          onChange([...rows, ""]);
          setFocusRow(rows.length);
        }}
        className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path
            fill="currentColor"
            d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z"
          />
        </svg>
        Add redirect URI
      </button>
      {full ? (
        <p className="text-xs text-slate-500">
          An app takes at most {MAX_REDIRECT_URIS} redirect URIs.
        </p>
      ) : null}
    </fieldset>
  );
}
