"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { DateWithHint } from "@/components/ui/relative-time";
import { MaskedClientSecret } from "./client-id";
import { createClientSecret } from "./oauth-app-queries";
import { MAX_CLIENT_SECRETS, type OAuthApp, type OAuthClientSecret } from "./oauth-app-types";

/** Why "Generate a new client secret" is off, or null when it is on. */
function generateBlockedReason(
  app: OAuthApp,
  canEdit: boolean,
  organizationName: string,
): string | null {
  if (app.client_type === "public") {
    return "A public app has no client secret: it authenticates with PKCE alone. To use a secret, register a confidential app.";
  }
  if (!canEdit) return `Only members of ${organizationName} can generate client secrets.`;
  if (app.secrets.length >= MAX_CLIENT_SECRETS) {
    return `An app holds at most ${MAX_CLIENT_SECRETS} client secrets, so that it can move from one to the next with no downtime. Delete the one you are replacing first.`;
  }
  return null;
}

/**
 * The app's live client secrets (never their values), with "Generate a new client secret" and a
 * Delete per secret. The new secret goes straight to `onGenerated`, which shows it once.
 */
export function ClientSecretsPanel({
  organizationId,
  organizationName,
  app,
  canEdit,
  canDelete,
  onGenerated,
  onDelete,
}: {
  organizationId: string;
  organizationName: string;
  app: OAuthApp;
  /** May create secrets: write:oauth-apps as a member of the organization. */
  canEdit: boolean;
  /** May delete them: write:oauth-apps, a visiting platform admin too. */
  canDelete: boolean;
  onGenerated: (secret: string, clientSecret: OAuthClientSecret) => void;
  onDelete: (secret: OAuthClientSecret) => void;
}) {
  const client = useQueryClient();
  const reasonId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = generateBlockedReason(app, canEdit, organizationName);

  async function generate() {
    if (blocked || pending) return;
    setError(null);
    setPending(true);
    try {
      const { secret, clientSecret } = await createClientSecret(client, organizationId, app.id);
      onGenerated(secret, clientSecret);
    } catch (e) {
      setError(`No secret was generated: ${e instanceof Error ? e.message : "the request failed"}`);
    } finally {
      setPending(false);
    }
  }

  return (
    <section
      aria-labelledby="client-secrets-heading"
      className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h3 id="client-secrets-heading" className="text-base font-semibold text-slate-900">
            Client secrets
          </h3>
          <p className="mt-1 max-w-prose text-sm text-slate-500">
            A confidential app sends its client secret with its client ID to get tokens. Keep two to
            rotate with no downtime: generate the new one, deploy it, then delete the old one.
          </p>
        </div>
        <Button
          variant="secondary"
          className="shrink-0 self-start"
          onClick={() => void generate()}
          disabled={blocked !== null || pending}
          aria-describedby={blocked ? reasonId : undefined}
        >
          {pending ? "Generating…" : "Generate a new client secret"}
        </Button>
      </div>

      {blocked ? (
        <p
          id={reasonId}
          role="note"
          className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
        >
          {blocked}
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error}
        </p>
      ) : null}

      {app.client_type === "confidential" ? (
        app.secrets.length === 0 ? (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            This app has no client secret: it cannot get tokens until you generate one.
          </p>
        ) : (
          <ul aria-label="Client secrets" className="mt-4 divide-y divide-slate-100">
            {app.secrets.map((secret) => (
              <li
                key={secret.id}
                aria-label={`Client secret ending in ${secret.last4}`}
                className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between"
              >
                <div className="flex min-w-0 items-start gap-3">
                  <span
                    aria-hidden="true"
                    className="mt-0.5 grid size-8 shrink-0 place-items-center rounded-md bg-slate-100 text-slate-500"
                  >
                    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
                      <path
                        fill="currentColor"
                        d="M10 1a4.5 4.5 0 0 0-4.5 4.5V8H5a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 7V5.5a3 3 0 1 0-6 0V8h6Z"
                      />
                    </svg>
                  </span>
                  <div className="min-w-0 text-sm">
                    <MaskedClientSecret secret={secret} />
                    <p className="mt-0.5 text-xs text-slate-500">
                      <DateWithHint prefix="Created" date={secret.created_at} tense="past" inline />
                    </p>
                    <p className="text-xs text-slate-500">
                      {secret.last_used_at ? (
                        <DateWithHint
                          prefix="Last used"
                          date={secret.last_used_at}
                          tense="past"
                          inline
                        />
                      ) : (
                        "Never used"
                      )}
                    </p>
                  </div>
                </div>
                {canDelete ? (
                  <button
                    type="button"
                    aria-label={`Delete client secret ending in ${secret.last4}`}
                    onClick={() => onDelete(secret)}
                    className="shrink-0 self-start rounded-md px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 sm:self-center"
                  >
                    Delete
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
