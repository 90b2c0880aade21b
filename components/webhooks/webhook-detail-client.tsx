"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { DetailQuery } from "@/components/ui/detail-query";
import { DateWithHint } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { DeliveriesLog } from "./deliveries-log";
import { EditWebhookForm } from "./edit-webhook-form";
import { EnabledSwitch } from "./enabled-switch";
import { RotateWebhookSecretDialog } from "./rotate-webhook-secret-dialog";
import { useSendTestEvent, useUpdateWebhook, useWebhook } from "./webhook-queries";
import { WebhookSecretDialog } from "./webhook-secret-dialog";
import { WebhookStatusBadge } from "./webhook-status-badge";
import type { Webhook } from "./webhook-types";

/** How long after a test event or a resend the log keeps polling while a delivery is pending. */
const POLL_WINDOW_MS = 30_000;

type OpenDialog =
  | { kind: "rotate" }
  // The only place a new secret is held: this state, until the dialog closes.
  | { kind: "secret"; secret: string }
  | { kind: "delete" };

export function WebhookDetailClient({
  webhookId,
  organization,
  canEdit,
  canOperate,
}: {
  webhookId: string;
  organization: { id: string; name: string };
  /** write:webhooks as a member: edit, enable or disable, rotate the secret. */
  canEdit: boolean;
  /** write:webhooks (a visiting platform admin too): test, resend, delete. */
  canOperate: boolean;
}) {
  const query = useWebhook(organization.id, webhookId);
  return (
    <DetailQuery
      query={query}
      backHref="/settings/webhooks"
      backLabel="All webhooks"
      organizationName={organization.name}
      loadingLabel="Loading the endpoint"
      errorTitle="This endpoint could not be loaded"
    >
      {(webhook) => (
        <WebhookDetail
          webhook={webhook}
          organization={organization}
          canEdit={canEdit}
          canOperate={canOperate}
        />
      )}
    </DetailQuery>
  );
}

function WebhookDetail({
  webhook,
  organization,
  canEdit,
  canOperate,
}: {
  webhook: Webhook;
  organization: { id: string; name: string };
  canEdit: boolean;
  canOperate: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const [pollUntil, setPollUntil] = useState(() => Date.now() + POLL_WINDOW_MS);
  const [actionError, setActionError] = useState<string | null>(null);
  const { show: showToast, toast } = useToast();
  const update = useUpdateWebhook(organization.id);
  const test = useSendTestEvent(organization.id);
  const close = () => setOpen(null);
  const poll = () => setPollUntil(Date.now() + POLL_WINDOW_MS);
  const graceUntil =
    webhook.previous_secret_expires_at &&
    new Date(webhook.previous_secret_expires_at).getTime() > Date.now()
      ? webhook.previous_secret_expires_at
      : null;

  function toggle() {
    setActionError(null);
    update.mutate(
      { id: webhook.id, enabled: !webhook.enabled },
      {
        onSuccess: (saved) => showToast(saved.enabled ? "Endpoint enabled" : "Endpoint disabled"),
        onError: (e) => setActionError(`The endpoint was not changed: ${e.message}`),
      },
    );
  }

  function sendTest() {
    setActionError(null);
    test.mutate(webhook.id, {
      onSuccess: () => {
        showToast("Test event sent: its outcome shows in the deliveries below");
        poll();
      },
      onError: (e) => setActionError(`The test event was not sent: ${e.message}`),
    });
  }

  return (
    <>
      <section
        aria-labelledby="webhook-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h2
            id="webhook-heading"
            className="min-w-0 font-mono text-base font-semibold break-all text-slate-900 sm:text-lg"
          >
            {webhook.url}
          </h2>
          <WebhookStatusBadge webhook={webhook} />
        </div>
        {webhook.description ? (
          <p className="mt-1 text-sm text-slate-600 [overflow-wrap:anywhere]">
            {webhook.description}
          </p>
        ) : null}
        {webhook.disabled_reason === "failing" ? (
          <p
            role="note"
            className="mt-4 rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-800 ring-1 ring-red-200"
          >
            Disabled <DateWithHint date={webhook.disabled_at} tense="past" inline /> after every
            attempt of a delivery failed for about a day. Fix the receiver, then enable the
            endpoint: the deliveries that waited are sent.
          </p>
        ) : null}
        <dl className="mt-6 grid gap-x-6 gap-y-4 border-t border-slate-100 pt-5 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Detail label="Created">
            <DateWithHint date={webhook.created_at} tense="past" />
          </Detail>
          <Detail label="Created by">
            {webhook.created_by ? (
              <>
                {webhook.created_by.name}
                <span className="block truncate text-xs text-slate-500">
                  {webhook.created_by.email}
                </span>
              </>
            ) : (
              "A former member"
            )}
          </Detail>
          <Detail label="Signing secret">
            {graceUntil ? (
              <>
                Rotated: the previous secret also signs until{" "}
                <DateWithHint date={graceUntil} inline />
              </>
            ) : (
              "One secret (whsec_…), shown when it was made"
            )}
          </Detail>
        </dl>

        {canOperate ? (
          <div className="mt-6 space-y-4 border-t border-slate-100 pt-5">
            {actionError ? (
              <p
                role="alert"
                className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
              >
                {actionError}
              </p>
            ) : null}
            {canEdit ? (
              <EnabledSwitch
                checked={webhook.enabled}
                disabled={update.isPending}
                onToggle={toggle}
                label="Send events to this endpoint"
                hint={
                  webhook.enabled
                    ? "Turn off to pause deliveries; events wait and are sent when it is back on."
                    : "Off: events wait and are sent when it is turned back on."
                }
              />
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button
                variant="secondary"
                onClick={sendTest}
                disabled={!webhook.enabled || test.isPending}
                aria-describedby={webhook.enabled ? undefined : "test-disabled-hint"}
              >
                {test.isPending ? "Sending…" : "Send test event"}
              </Button>
              {canEdit ? (
                <Button variant="secondary" onClick={() => setOpen({ kind: "rotate" })}>
                  Rotate secret
                </Button>
              ) : null}
            </div>
            {webhook.enabled ? null : (
              <p id="test-disabled-hint" className="text-xs text-slate-500">
                A disabled endpoint receives no test events: enable it first.
              </p>
            )}
          </div>
        ) : null}
      </section>

      <section
        aria-labelledby="webhook-settings-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="webhook-settings-heading" className="text-base font-semibold text-slate-900">
          Endpoint settings
        </h3>
        {canEdit ? (
          <EditWebhookForm
            organizationId={organization.id}
            webhook={webhook}
            onSaved={() => showToast("Saved the changes to the endpoint")}
          />
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-500">
              Only members of {organization.name} who manage its webhooks can change these.
            </p>
            <h4 className="mt-4 text-sm font-medium text-slate-800">Events</h4>
            <ul className="mt-2 space-y-1">
              {webhook.events.map((event) => (
                <li key={event} className="font-mono text-xs text-slate-700">
                  {event}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section
        aria-labelledby="deliveries-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="deliveries-heading" className="text-base font-semibold text-slate-900">
          Deliveries
        </h3>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          The last 30 days, newest first. A failed attempt is retried over about a day; a resend
          goes out at once with the same <code>webhook-id</code>.
        </p>
        <DeliveriesLog
          organizationId={organization.id}
          webhook={webhook}
          canResend={canOperate}
          pollUntil={pollUntil}
          onSent={() => {
            showToast("Delivery resent");
            poll();
          }}
        />
      </section>

      {canOperate ? (
        <section
          aria-labelledby="danger-zone-heading"
          className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-red-200 sm:p-6"
        >
          <h3 id="danger-zone-heading" className="text-base font-semibold text-red-700">
            Danger zone
          </h3>
          <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">Delete this endpoint</p>
              <p className="mt-0.5 text-slate-600">
                Nothing more is sent to it, and its delivery log goes too. This cannot be undone.
              </p>
            </div>
            <Button
              variant="danger"
              className="shrink-0 self-start sm:self-center"
              onClick={() => setOpen({ kind: "delete" })}
            >
              Delete endpoint
            </Button>
          </div>
        </section>
      ) : null}

      {open?.kind === "rotate" ? (
        <RotateWebhookSecretDialog
          organizationId={organization.id}
          webhook={webhook}
          onClose={close}
          onRotated={(secret) => setOpen({ kind: "secret", secret })}
        />
      ) : open?.kind === "secret" ? (
        <WebhookSecretDialog
          webhook={webhook}
          secret={open.secret}
          title="New signing secret"
          note="The previous secret keeps signing beside this one for a day: deploy this one to your receiver before then."
          onClose={close}
        />
      ) : open?.kind === "delete" ? (
        <DeleteWebhookDialog
          organizationId={organization.id}
          webhook={webhook}
          onClose={close}
          onDeleted={() =>
            router.push(`/settings/webhooks?deleted=${encodeURIComponent(webhook.url)}`)
          }
        />
      ) : null}
      {toast}
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-slate-900">{children}</dd>
    </div>
  );
}
