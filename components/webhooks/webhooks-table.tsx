"use client";

import Link from "next/link";
import { DateWithHint } from "@/components/ui/relative-time";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { WebhookStatusBadge } from "./webhook-status-badge";
import { type Webhook, webhookHref } from "./webhook-types";

function eventsLabel(n: number): string {
  return n === 1 ? "1 event" : `${n} events`;
}

function EndpointUrl({ webhook }: { webhook: Webhook }) {
  return (
    <Link
      href={webhookHref(webhook.id)}
      className="block font-mono text-xs font-medium break-all text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      {webhook.url}
    </Link>
  );
}

/**
 * The endpoints as a table on wide screens and as stacked cards on narrow ones. Both are
 * rendered; CSS shows one, and display:none keeps the other out of the accessibility tree.
 */
export function WebhooksTable({ webhooks }: { webhooks: Webhook[] }) {
  return (
    <>
      <Table caption="Webhook endpoints" className="hidden lg:block" tableClassName="table-fixed">
        <colgroup>
          <col className="w-[34%]" />
          <col className="w-[26%]" />
          <col className="w-[10%]" />
          <col className="w-[14%]" />
          <col className="w-[16%]" />
        </colgroup>
        <TableHead>
          <Th>URL</Th>
          <Th>Description</Th>
          <Th>Events</Th>
          <Th>Status</Th>
          <Th>Created</Th>
        </TableHead>
        <TableBody>
          {webhooks.map((hook) => (
            <Tr key={hook.id} data-row-id={hook.id}>
              <Td className="min-w-0">
                <EndpointUrl webhook={hook} />
              </Td>
              <Td className="min-w-0 text-slate-700 [overflow-wrap:anywhere]">
                {hook.description ?? <span className="text-slate-500">None</span>}
              </Td>
              <Td className="text-slate-700">{eventsLabel(hook.events.length)}</Td>
              <Td>
                <WebhookStatusBadge webhook={hook} />
              </Td>
              <Td>
                <DateWithHint date={hook.created_at} tense="past" />
              </Td>
            </Tr>
          ))}
        </TableBody>
      </Table>

      <ul aria-label="Webhook endpoints" className="space-y-3 lg:hidden">
        {webhooks.map((hook) => (
          <li
            key={hook.id}
            aria-label={hook.url}
            data-row-id={hook.id}
            className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <EndpointUrl webhook={hook} />
              </div>
              <WebhookStatusBadge webhook={hook} />
            </div>
            {hook.description ? (
              <p className="mt-1 text-sm text-slate-700 [overflow-wrap:anywhere]">
                {hook.description}
              </p>
            ) : null}
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-xs">
              <div>
                <dt className="text-slate-500">Events</dt>
                <dd className="text-slate-800">{eventsLabel(hook.events.length)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Created</dt>
                <dd className="text-slate-800">
                  <DateWithHint date={hook.created_at} tense="past" inline />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
