"use client";

import { useRef, useState } from "react";
import { AddButton } from "@/components/ui/add-button";
import { ListHeader } from "@/components/ui/list-header";
import { PagedList, pagedRows } from "@/components/ui/paged-list";
import { useToast } from "@/components/ui/toast";
import { PlanNote, UnavailableAction } from "@/components/ui/unavailable-action";
import { useDeletedNotice } from "@/components/ui/use-deleted-notice";
import { useFocusRowLink } from "@/components/ui/use-focus-row-link";
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
  /** The organization's plan includes webhooks; else the list is read-only, its endpoints kept. */
  included: boolean;
}

type OpenDialog =
  | { kind: "add" }
  // The only place a new secret is held: this state, until the dialog closes.
  | { kind: "secret"; webhook: Webhook; secret: string };

export function WebhooksClient(props: WebhooksClientProps) {
  // Endpoints in view belong to one organization: switching starts afresh.
  return <WebhooksView key={props.organization.id} {...props} />;
}

/** Said once back on the list after an endpoint is deleted on its own page (?deleted=<its URL>). */
function deletedMessage(url: string): string {
  return `Deleted the endpoint ${url.slice(0, 120)}`;
}

function WebhooksView({ organization, canAdd: mayAdd, isMember, included }: WebhooksClientProps) {
  const canAdd = mayAdd && included;
  const webhooks = useWebhooks(organization.id);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const { show: showToast, toast } = useToast();
  useDeletedNotice(showToast, deletedMessage);
  const listRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After the new secret's dialog closes, focus goes to the endpoint's link in the list.
  const focusRow = useFocusRowLink(listRef, headingRef);
  const { empty } = pagedRows(webhooks);
  const openAdd = () => setOpen({ kind: "add" });

  return (
    <div className="space-y-6">
      <ListHeader
        title="Webhooks"
        headingRef={headingRef}
        organizationName={organization.name}
        visitingNote={
          isMember ? null : (
            <>
              You are visiting {organization.name} as a platform admin: you can review its
              endpoints, send test events and delete endpoints, but only its members add or change
              them.
            </>
          )
        }
        description={
          <>
            Endpoints that receive{" "}
            <strong className="font-medium text-slate-800">{organization.name}</strong>&apos;s
            events (keys created, revoked or leaked, members joining), signed with Standard
            Webhooks.
          </>
        }
        action={
          !included && mayAdd ? (
            <UnavailableAction feature="webhooks" label="Add endpoint" />
          ) : canAdd && !empty ? (
            <AddButton onClick={openAdd}>Add endpoint</AddButton>
          ) : null
        }
      />
      {included ? null : (
        <PlanNote feature="webhooks">
          {organization.name}&apos;s plan does not include webhooks. Endpoints added before stay
          listed and can be deleted, but not added or changed.
        </PlanNote>
      )}

      <PagedList
        query={webhooks}
        listRef={listRef}
        skeleton={<WebhooksSkeleton />}
        errorTitle="Webhook endpoints could not be loaded"
        emptyState={
          <WebhooksEmptyState
            organizationName={organization.name}
            onAdd={canAdd ? openAdd : undefined}
          />
        }
        noun={["endpoint", "endpoints"]}
      >
        {(rows) => <WebhooksTable webhooks={rows} />}
      </PagedList>

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
            focusRow(open.webhook.id);
            setOpen(null);
          }}
        />
      ) : null}
      {toast}
    </div>
  );
}
