"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { OrganizationBadge } from "@/components/api-keys/organization-badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { LoadMore } from "@/components/ui/load-more";
import { useToast } from "@/components/ui/toast";
import { AddWebhookDialog } from "./add-webhook-dialog";
import { useWebhooks } from "./webhook-queries";
import { WebhookSecretDialog } from "./webhook-secret-dialog";
import type { Webhook } from "./webhook-types";
import { WebhooksEmptyState } from "./webhooks-empty-state";
import { WebhooksSkeleton } from "./webhooks-skeleton";
import { WebhooksTable } from "./webhooks-table";

interface WebhooksClientProps {
  organization: { id: string; name: string };
  /** write:webhooks as a member: a platform admin visiting reviews and deletes, adds none. */
  canAdd: boolean;
  isMember: boolean;
}

type OpenDialog =
  | { kind: "add" }
  // The only place a new secret is held: this state, until the dialog closes.
  | { kind: "secret"; webhook: Webhook; secret: string };

export function WebhooksClient(props: WebhooksClientProps) {
  // Endpoints in view belong to one organization: switching starts afresh.
  return <WebhooksView key={props.organization.id} {...props} />;
}

function WebhooksView({ organization, canAdd, isMember }: WebhooksClientProps) {
  const webhooks = useWebhooks(organization.id);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const { show: showToast, toast } = useToast();
  // An endpoint deleted on its own page comes back here with ?deleted=<its URL>: said once, then
  // dropped from the address so a reload does not say it again.
  const params = useSearchParams();
  const pathname = usePathname();
  const deleted = params?.get("deleted") ?? null;
  useEffect(() => {
    if (!deleted) return;
    showToast(`Deleted the endpoint ${deleted.slice(0, 120)}`);
    window.history.replaceState(null, "", pathname);
  }, [deleted, pathname, showToast]);
  const listRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After the new secret's dialog closes, focus goes to the endpoint's link in the list (the
  // button that opened the dialog may be gone with the empty state), else to the heading.
  const [focusHook, setFocusHook] = useState<string | null>(null);
  useEffect(() => {
    if (!focusHook) return;
    const links = listRef.current?.querySelectorAll<HTMLElement>(
      `[data-row-id="${CSS.escape(focusHook)}"] a`,
    );
    const visible = [...(links ?? [])].find((link) => link.getClientRects().length > 0);
    (visible ?? headingRef.current)?.focus();
    setFocusHook(null);
  }, [focusHook]);
  const rows = webhooks.data?.pages.flatMap((page) => page.data) ?? [];
  const empty = webhooks.isSuccess && rows.length === 0;
  const openAdd = () => setOpen({ kind: "add" });

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2
              ref={headingRef}
              tabIndex={-1}
              className="text-lg font-semibold text-slate-900 focus:outline-none"
            >
              Webhooks
            </h2>
            <OrganizationBadge name={organization.name} />
          </div>
          {isMember ? null : (
            <p
              role="note"
              className="mt-2 max-w-2xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200"
            >
              You are visiting {organization.name} as a platform admin: you can review its
              endpoints, send test events and delete endpoints, but only its members add or change
              them.
            </p>
          )}
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Endpoints that receive{" "}
            <strong className="font-medium text-slate-800">{organization.name}</strong>&apos;s
            events (keys created, revoked or leaked, members joining), signed with Standard
            Webhooks.
          </p>
        </div>
        {canAdd && !empty ? (
          <Button className="shrink-0 self-start" onClick={openAdd}>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
              <path
                fill="currentColor"
                d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z"
              />
            </svg>
            Add endpoint
          </Button>
        ) : null}
      </div>

      {webhooks.isPending ? (
        <WebhooksSkeleton />
      ) : webhooks.isError && !webhooks.data ? (
        <ErrorState
          title="Webhook endpoints could not be loaded"
          message={webhooks.error.message}
          onRetry={() => void webhooks.refetch()}
          retrying={webhooks.isFetching}
        />
      ) : empty ? (
        <WebhooksEmptyState
          organizationName={organization.name}
          onAdd={canAdd ? openAdd : undefined}
        />
      ) : (
        <div ref={listRef} className="space-y-3">
          <p className="text-sm text-slate-500" aria-live="polite">
            {rows.length} {rows.length === 1 ? "endpoint" : "endpoints"}
            {webhooks.hasNextPage ? " shown, more to load" : ""}
          </p>
          <WebhooksTable webhooks={rows} />
          <LoadMore query={webhooks} items="endpoints" />
        </div>
      )}

      {open?.kind === "add" ? (
        <AddWebhookDialog
          organizationId={organization.id}
          organizationName={organization.name}
          onClose={() => setOpen(null)}
          onAdded={({ webhook, secret }) => setOpen({ kind: "secret", webhook, secret })}
        />
      ) : open?.kind === "secret" ? (
        <WebhookSecretDialog
          key={open.webhook.id}
          webhook={open.webhook}
          secret={open.secret}
          title="Webhook endpoint added"
          note="Send it a test event from the endpoint's page to check your receiver."
          onClose={() => {
            setFocusHook(open.webhook.id);
            setOpen(null);
          }}
        />
      ) : null}
      {toast}
    </div>
  );
}
