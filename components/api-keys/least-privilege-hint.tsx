"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatDay, useNow } from "@/components/ui/relative-time";
import { useUpdateApiKey } from "./api-key-queries";
import type { ApiKeyDetail } from "./api-key-types";

const list = (scopes: readonly string[]) => scopes.join(", ");

/** How long a key's calls are watched before its unused scopes are worth a word. */
export const OBSERVATION_DAYS = 7;
const OBSERVATION_MS = OBSERVATION_DAYS * 24 * 60 * 60 * 1000;

/**
 * Which of the key's scopes it used in the last 30 days (2xx answers), and one action to drop
 * the others (after a confirmation: scopes cannot be added back to a key, only to a new one).
 * Nothing for a revoked or expired key, or one in its rotation grace period; a key (with the keys
 * it was rotated from) watched for less than 7 days only says when the advice starts.
 */
export function LeastPrivilegeHint({
  organizationId,
  apiKey,
  canEdit,
}: {
  organizationId: string;
  apiKey: ApiKeyDetail;
  canEdit: boolean;
}) {
  const used = apiKey.scopes_used_30d ?? [];
  const unused = apiKey.scopes.filter((s) => !used.includes(s));
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateApiKey(organizationId);
  const nowMs = useNow();
  // Only a key that still works, and is not already being replaced, has scopes worth trimming.
  const working = apiKey.status === "active" || apiKey.status === "expiring_soon";
  if (!working || apiKey.replaced_by || nowMs === null) return null;

  const adviceFrom = new Date(Date.parse(apiKey.scopes_observed_since) + OBSERVATION_MS);
  if (nowMs < adviceFrom.getTime()) {
    return (
      <p className="mt-3 text-sm text-slate-600">
        Which scopes this key uses is judged after {OBSERVATION_DAYS} days of calls, from{" "}
        <time dateTime={adviceFrom.toISOString()}>{formatDay(adviceFrom)}</time>.
      </p>
    );
  }

  if (unused.length === 0) {
    return (
      <p className="mt-3 text-sm text-slate-600">
        Every scope of this key was used in the last 30 days.
      </p>
    );
  }

  const close = () => {
    setConfirming(false);
    update.reset();
  };

  return (
    <div
      role="note"
      aria-label="Least privilege"
      className="mt-3 flex flex-col gap-3 rounded-md bg-sky-50 px-3 py-2.5 text-sm text-sky-950 ring-1 ring-sky-200 sm:flex-row sm:items-center sm:justify-between"
    >
      <p>
        {used.length > 0 ? <>Used: {list(used)}. </> : null}
        Never used in 30 days: {list(unused)}.{" "}
        {used.length === 0
          ? "If nothing uses this key any more, revoke it."
          : "Remove unused scopes?"}
      </p>
      {canEdit && used.length > 0 ? (
        <Button variant="secondary" className="shrink-0" onClick={() => setConfirming(true)}>
          Remove unused scopes
        </Button>
      ) : null}
      {confirming ? (
        <Dialog
          title="Remove unused scopes?"
          role="alertdialog"
          onClose={close}
          description={
            <>
              “{apiKey.name}” keeps {list(used)} and loses {list(unused)}. Programs that call routes
              needing a removed scope get 403. Scopes cannot be added back to this key: that takes a
              new key.
            </>
          }
          footer={
            <>
              <Button
                variant="secondary"
                onClick={close}
                disabled={update.isPending}
                data-autofocus
              >
                Cancel
              </Button>
              <Button
                onClick={() =>
                  update.mutate(
                    { id: apiKey.id, scopes: used },
                    { onSuccess: () => setConfirming(false) },
                  )
                }
                disabled={update.isPending}
              >
                {update.isPending
                  ? "Removing…"
                  : `Remove ${unused.length === 1 ? "scope" : "scopes"}`}
              </Button>
            </>
          }
        >
          {update.isError ? (
            <p role="alert" className="text-sm text-red-600">
              Not changed: {update.error.message}
            </p>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
