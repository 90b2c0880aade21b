"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/**
 * Asks before a destructive change made through a mutation (revoke, delete) and says what
 * breaks. Cancel has the focus, so Enter on the wrong row changes nothing; while the change is
 * under way the dialog stays open, and a failure is said inside it.
 */
export function ConfirmMutationDialog({
  title,
  description,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      role="alertdialog"
      size="sm"
      title={title}
      description={description}
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600 [overflow-wrap:anywhere]">
        {children}
        {error ? (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-red-700 ring-1 ring-red-200"
          >
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
