"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { countLabel, type RevokeSelector, TYPE_LABELS } from "./credential-filters";
import { useRevokeCount, useRevokeCredentials } from "./credential-queries";

/** Which bulk revocation the dialog confirms, and how the page names it. */
export interface RevokeRequest {
  selector: RevokeSelector;
  /** "the selected credentials", "every credential of Ada", "API keys unused for 90 days". */
  what: string;
}

/**
 * Confirms a bulk revocation with the number it will revoke, counted by the server (a dry run)
 * when the dialog opens, so the person knows what breaks before anything does. Confirming
 * revokes; a credential that ended in between is simply not counted.
 */
export function RevokeCredentialsDialog({
  organizationId,
  request,
  onDone,
  onClose,
}: {
  organizationId: string;
  request: RevokeRequest;
  onDone: (revoked: number) => void;
  onClose: () => void;
}) {
  const count = useRevokeCount(organizationId, request.selector);
  const revoke = useRevokeCredentials(organizationId);
  const n = count.data && "would_revoke" in count.data ? count.data.would_revoke : null;
  const kinds = count.data
    ? Object.entries(count.data.by_type)
        .filter(([, k]) => k > 0)
        .map(([type, k]) => countLabel(k, TYPE_LABELS[type as keyof typeof TYPE_LABELS]))
    : [];
  const title =
    n === null ? "Revoke credentials?" : n === 0 ? "Nothing to revoke" : `Revoke ${countLabel(n)}?`;
  const error = count.isError
    ? `The credentials could not be counted: ${count.error.message}`
    : revoke.isError
      ? revoke.error.message
      : null;
  const pending = revoke.isPending;
  return (
    <Dialog
      role="alertdialog"
      size="sm"
      title={title}
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending || !n}
            onClick={() =>
              revoke.mutate(request.selector, {
                onSuccess: (result) => onDone("revoked" in result ? result.revoked : 0),
              })
            }
          >
            {pending ? "Revoking…" : n ? `Revoke ${countLabel(n)}` : "Revoke"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600 [overflow-wrap:anywhere]">
        {count.isPending ? (
          <p aria-live="polite">Counting {request.what}…</p>
        ) : n === 0 ? (
          <p>None of {request.what} is still working: there is nothing to revoke.</p>
        ) : n ? (
          <>
            <p>
              This revokes {request.what}: <strong>{kinds.join(", ")}</strong>.
            </p>
            <p>
              Each stops working on its next request. Scripts using these API keys fail, apps lose
              access, and people signed in with these sessions or tokens must sign in again. This
              cannot be undone.
            </p>
          </>
        ) : null}
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
