"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useRenameApiKey } from "./api-key-queries";
import type { ApiKey } from "./api-key-types";
import { keyNameProblem } from "./key-form-errors";

/** The key's name as a heading, with an inline editor: Save applies at once, Cancel or Escape undo. */
export function RenameApiKeyForm({
  organizationId,
  apiKey,
  canEdit,
}: {
  organizationId: string;
  apiKey: ApiKey;
  canEdit: boolean;
}) {
  const rename = useRenameApiKey(organizationId);
  const inputId = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(apiKey.name);
  const [error, setError] = useState<string | null>(null);

  function start() {
    setDraft(apiKey.name);
    setError(null);
    setEditing(true);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const name = draft.trim();
    const problem = keyNameProblem(name);
    if (problem) return setError(problem);
    if (name === apiKey.name) return setEditing(false);
    setEditing(false);
    rename.mutate(
      { id: apiKey.id, name },
      {
        onError: (e) => {
          setDraft(name);
          setError(`Not renamed: ${e.message}`);
          setEditing(true);
        },
      },
    );
  }

  if (!editing) {
    return (
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
        <h2 className="min-w-0 truncate text-xl font-semibold text-slate-900">{apiKey.name}</h2>
        {canEdit ? (
          <button
            type="button"
            onClick={start}
            className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5">
              <path
                fill="currentColor"
                d="M13.6 2.9a2 2 0 0 1 2.8 2.8l-8.9 8.9-3.7.9.9-3.7 8.9-8.9Zm-1 3.1-6.9 6.9-.4 1.4 1.4-.4 6.9-6.9-1-1Z"
              />
            </svg>
            Rename
          </button>
        ) : null}
        {rename.isPending ? <span className="text-xs text-slate-500">Saving…</span> : null}
      </div>
    );
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          // Escape cancels the edit; it must not also close anything around the form.
          e.stopPropagation();
          setEditing(false);
        }
      }}
      className="flex w-full max-w-xl flex-col gap-2"
    >
      <label htmlFor={inputId} className="sr-only">
        Key name
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          value={draft}
          // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this field
          autoFocus
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className={`${inputClass} text-base font-medium`}
        />
        <div className="flex gap-2">
          <Button type="submit">Save</Button>
          <Button variant="secondary" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </div>
      </div>
      {error ? (
        <p id={`${inputId}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}
