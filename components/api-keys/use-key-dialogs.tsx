"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import type { Role } from "@/lib/roles";
import type { ApiKey } from "./api-key-types";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";
import { RotateApiKeyDialog, type RotationResult } from "./rotate-api-key-dialog";
import { SecretRevealDialog } from "./secret-reveal-dialog";

type OpenDialog =
  | { kind: "create" }
  | { kind: "revoke"; apiKey: ApiKey; endGrace?: boolean }
  | { kind: "rotate"; apiKey: ApiKey }
  // The only place a secret is held: this state, until the reveal closes.
  | {
      kind: "reveal";
      secret: string;
      apiKey: ApiKey;
      title: string;
      note?: string;
      rotated?: boolean;
    };

function retirementNote(graceSeconds: number): string {
  switch (graceSeconds) {
    case 0:
      return "The old key has stopped working. Replace it everywhere with this one.";
    case 3600:
      return "The old key keeps working for 1 hour. Replace it everywhere before then.";
    case 86_400:
      return "The old key keeps working for 24 hours. Replace it everywhere before then.";
    default:
      return "The old key keeps working for 7 days. Replace it everywhere before then.";
  }
}

/**
 * The create, revoke, rotate and reveal dialogs of one page, one at a time. Returns openers and
 * the dialog to render; the list and the detail page share it so both behave the same.
 */
export function useKeyDialogs({
  organizationId,
  organizationName,
  role,
  currentIp = null,
  onRevoked,
  onRotated,
}: {
  organizationId: string;
  organizationName: string;
  role: Role;
  /** The address this browser calls from, for the create dialog's allowlist. */
  currentIp?: string | null;
  onRevoked?: (keys: ApiKey[]) => void;
  onRotated?: (result: RotationResult) => void;
}): {
  openCreate: () => void;
  openRevoke: (apiKey: ApiKey) => void;
  /** Ends an old key's grace period: revokes it alone, now. */
  openEndGrace: (apiKey: ApiKey) => void;
  openRotate: (apiKey: ApiKey) => void;
  dialog: ReactNode;
} {
  const router = useRouter();
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const close = () => setOpen(null);

  let dialog: ReactNode = null;
  if (open?.kind === "create") {
    dialog = (
      <CreateApiKeyDialog
        organizationId={organizationId}
        organizationName={organizationName}
        role={role}
        currentIp={currentIp}
        onClose={close}
        onCreated={({ apiKey, secret }) =>
          setOpen({
            kind: "reveal",
            apiKey,
            secret,
            title: "API key created",
            note:
              apiKey.status === "pending_approval"
                ? `Pending approval: ${organizationName} requires an owner or admin to approve members' keys. Requests with this key get 401 until one of them approves it; they have been told by email. Copy it now all the same: you will not see it again.`
                : undefined,
          })
        }
      />
    );
  } else if (open?.kind === "revoke") {
    dialog = (
      <RevokeApiKeyDialog
        organizationId={organizationId}
        apiKey={open.apiKey}
        endGrace={open.endGrace}
        onClose={close}
        onRevoked={onRevoked}
      />
    );
  } else if (open?.kind === "rotate") {
    dialog = (
      <RotateApiKeyDialog
        organizationId={organizationId}
        apiKey={open.apiKey}
        onClose={close}
        onRotated={(result) => {
          onRotated?.(result);
          setOpen({
            kind: "reveal",
            apiKey: result.apiKey,
            secret: result.secret,
            title: "API key rotated",
            note: retirementNote(result.graceSeconds),
            rotated: true,
          });
        }}
      />
    );
  } else if (open?.kind === "reveal") {
    dialog = (
      <SecretRevealDialog
        // A new key means a new dialog: no "Copied" state carried over from the last one.
        key={open.apiKey.id}
        secret={open.secret}
        apiKey={open.apiKey}
        title={open.title}
        note={open.note}
        onClose={() => {
          close();
          // The new key is the one to look at now: its page, not the old key's or the list.
          if (open.rotated) router.push(`/settings/api-keys/${encodeURIComponent(open.apiKey.id)}`);
        }}
      />
    );
  }

  return {
    openCreate: () => setOpen({ kind: "create" }),
    openRevoke: (apiKey) => setOpen({ kind: "revoke", apiKey }),
    openEndGrace: (apiKey) => setOpen({ kind: "revoke", apiKey, endGrace: true }),
    openRotate: (apiKey) => setOpen({ kind: "rotate", apiKey }),
    dialog,
  };
}
