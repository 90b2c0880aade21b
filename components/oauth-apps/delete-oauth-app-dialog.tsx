"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { useDeleteOAuthApp } from "./oauth-app-queries";
import type { OAuthApp } from "./oauth-app-types";

/**
 * Deleting an app cuts off every person who authorized it, so the name must be typed, as GitHub
 * asks before deleting a repository: a click on the wrong row cannot do it.
 */
export function DeleteOAuthAppDialog({
  organizationId,
  app,
  onClose,
  onDeleted,
}: {
  organizationId: string;
  app: OAuthApp;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteOAuthApp(organizationId);
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim() === app.name.trim();

  function confirm() {
    if (!matches || remove.isPending) return;
    setError(null);
    remove.mutate(app.id, {
      onSuccess: onDeleted,
      onError: (e) => setError(`The app was not deleted: ${e.message}`),
    });
  }

  const grants = app.active_grants;
  return (
    <Dialog
      role="alertdialog"
      size="sm"
      title={`Delete “${app.name}”?`}
      onClose={() => {
        if (!remove.isPending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={!matches || remove.isPending}>
            {remove.isPending ? "Deleting…" : "Delete this app"}
          </Button>
        </>
      }
    >
      <form
        className="space-y-3 text-sm text-slate-600"
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <p>
          <strong className="text-slate-900">
            Every user&apos;s authorization of this app and every token it holds are revoked at once
          </strong>
          {grants > 0
            ? ` (${grants === 1 ? "1 person has" : `${grants} people have`} authorized it)`
            : ""}
          , on their next request. Its client secrets are deleted and its client ID stops working.
        </p>
        <p>This cannot be undone: to connect the app again, register it anew.</p>
        <div className="space-y-1.5">
          <label htmlFor={inputId} className="block font-medium text-slate-800">
            Type <span className="font-semibold [overflow-wrap:anywhere]">{app.name}</span> to
            confirm
          </label>
          <input
            id={inputId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            className={inputClass}
          />
        </div>
        {error ? (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-red-700 ring-1 ring-red-200"
          >
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
