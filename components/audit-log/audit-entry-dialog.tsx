"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ApiRequestError } from "@/components/api/api-client";
import type { AuditEntry } from "@/components/api-keys/api-key-types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ExactTime, RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { actionLabel, missingActorLabel, targetLabel } from "./audit-action-labels";
import {
  ChangesTable,
  fieldLabel,
  MetadataValue,
  RawMetadata,
  splitMetadata,
} from "./audit-entry-metadata";
import { useAuditEntry } from "./audit-log-queries";

const LINK = "text-brand-700 underline hover:text-brand-800";

/** Where the dashboard shows what an entry acted on, and how the link says it. */
function targetPage(target: AuditEntry["target"]): { href: string; label: string } | null {
  switch (target.type) {
    case "api_key":
      return { href: `/settings/api-keys/${encodeURIComponent(target.id)}`, label: "Open the key" };
    case "user":
    case "invitation":
      return { href: "/settings/members", label: "Open Members" };
    case "organization":
      return { href: "/settings/general", label: "Open General settings" };
    default:
      return null;
  }
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[8rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-xs font-medium text-slate-500 sm:pt-0.5">{term}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Credential({ credential }: { credential: string | null }) {
  if (!credential) return <span className="text-slate-500">Not recorded</span>;
  if (credential === "session") return <span>Dashboard session</span>;
  if (credential.startsWith("key_")) {
    return (
      <span>
        API key <MetadataValue value={credential} />
      </span>
    );
  }
  if (credential.startsWith("tok_")) {
    return (
      <span>
        User access token <code className="font-mono text-xs break-all">{credential}</code>
      </span>
    );
  }
  return <code className="font-mono text-xs break-all">{credential}</code>;
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { changes, rest } = splitMetadata(entry.action, entry.metadata);
  const page = targetPage(entry.target);
  return (
    <div className="space-y-5">
      <dl className="divide-y divide-slate-100">
        <Row term="When">
          <ExactTime date={entry.created_at} />{" "}
          <span className="text-slate-500">
            (<RelativeTime date={entry.created_at} tense="past" />)
          </span>
        </Row>
        <Row term="Who">
          {entry.actor ? (
            <span className="block [overflow-wrap:anywhere]">
              <span className="font-medium">{entry.actor.name ?? entry.actor.id}</span>
              {entry.actor.email ? (
                <span className="block text-slate-600">{entry.actor.email}</span>
              ) : null}
            </span>
          ) : (
            <span className="text-slate-500">{missingActorLabel(entry.credential)}</span>
          )}
        </Row>
        <Row term="Credential">
          <Credential credential={entry.credential} />
        </Row>
        <Row term="IP address">
          {entry.ip ? (
            <code className="font-mono text-xs break-all">{entry.ip}</code>
          ) : (
            <span className="text-slate-500">Not recorded</span>
          )}
        </Row>
        <Row term="Target">
          <span className="block">
            {targetLabel(entry.target.type)}{" "}
            <code className="font-mono text-xs break-all">{entry.target.id}</code>
          </span>
          {page ? (
            <Link href={page.href} className={`text-sm ${LINK}`}>
              {page.label}
            </Link>
          ) : null}
        </Row>
        <Row term="Action">
          <code className="font-mono text-xs break-all">{entry.action}</code>
        </Row>
        <Row term="Entry id">
          <code className="font-mono text-xs break-all">{entry.id}</code>
        </Row>
      </dl>

      {changes.length > 0 ? (
        <section aria-labelledby={`changes-${entry.id}`} className="space-y-2">
          <h3 id={`changes-${entry.id}`} className="text-sm font-semibold text-slate-900">
            What changed
          </h3>
          <ChangesTable changes={changes} />
        </section>
      ) : null}

      {rest.length > 0 ? (
        <section aria-labelledby={`details-${entry.id}`} className="space-y-1">
          <h3 id={`details-${entry.id}`} className="text-sm font-semibold text-slate-900">
            Details
          </h3>
          <dl className="divide-y divide-slate-100">
            {rest.map(([field, value]) => (
              <Row key={field} term={fieldLabel(field)}>
                <MetadataValue value={value} />
              </Row>
            ))}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby={`raw-${entry.id}`} className="space-y-2">
        <h3 id={`raw-${entry.id}`} className="text-sm font-semibold text-slate-900">
          Metadata as recorded
        </h3>
        <RawMetadata metadata={entry.metadata} />
      </section>
    </div>
  );
}

/**
 * One audit entry in full: when to the second, who and with which credential, from where, what
 * it acted on (with a link to it), what an update changed before and after, and the metadata as
 * recorded. `listed` is the entry when the loaded pages hold it; otherwise it is fetched by id.
 */
export function AuditEntryDialog({
  organizationId,
  id,
  listed,
  onClose,
}: {
  organizationId: string;
  id: string;
  listed: AuditEntry | undefined;
  onClose: () => void;
}) {
  const entry = useAuditEntry(organizationId, id, listed);
  return (
    <Dialog
      title={entry.data ? actionLabel(entry.data.action) : "Audit entry"}
      description={entry.isError ? undefined : "An entry of the audit log, as recorded."}
      onClose={onClose}
      size="lg"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {entry.data ? (
        <EntryDetails entry={entry.data} />
      ) : entry.isError ? (
        <p role="alert" className="text-sm text-slate-700">
          {entry.error instanceof ApiRequestError && [403, 404].includes(entry.error.status)
            ? "There is no such entry in this organization’s log: it may have been removed by the retention policy, or the link names another organization’s entry."
            : `The entry could not be loaded: ${entry.error.message}`}
        </p>
      ) : (
        <div role="status" aria-label="Loading the entry" className="space-y-3">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-24 w-full" />
        </div>
      )}
    </Dialog>
  );
}
