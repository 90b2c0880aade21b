"use client";

import { type ReactNode, useState, useTransition } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

type FormActionResult = { ok: true } | { ok: false; error: string };

/**
 * A confirmation whose Confirm button submits a server action (withFormAction's), with Cancel
 * beside it: while it runs nothing closes the dialog, and a refusal is shown inside it.
 * `fields` become hidden inputs of the form; `onDone` runs when the action succeeded.
 */
export function ConfirmActionDialog({
  title,
  description,
  action,
  fields = {},
  confirmLabel,
  pendingLabel,
  onClose,
  onDone,
}: {
  title: string;
  description: ReactNode;
  action: (form: FormData) => Promise<FormActionResult>;
  fields?: Record<string, string>;
  confirmLabel: string;
  pendingLabel: string;
  onClose: () => void;
  onDone?: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Dialog
      role="alertdialog"
      title={title}
      description={description}
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <form
          className="flex flex-col-reverse gap-2 sm:flex-row sm:gap-3"
          action={(form) =>
            startTransition(async () => {
              const result = await action(form);
              setError(result.ok ? null : result.error);
              if (result.ok) onDone?.();
            })
          }
        >
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </form>
      }
    >
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
