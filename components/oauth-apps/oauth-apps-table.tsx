"use client";

import Link from "next/link";
import { DateWithHint } from "@/components/ui/relative-time";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { ClientId } from "./client-id";
import { ClientTypeBadge } from "./client-type-badge";
import { MAX_CLIENT_SECRETS, type OAuthApp, oauthAppHref } from "./oauth-app-types";

/** The first redirect URI, and how many more there are. */
function RedirectUris({ uris }: { uris: string[] }) {
  const [first, ...rest] = uris;
  if (!first) return <span className="text-slate-500">None</span>;
  return (
    <span className="block min-w-0" title={uris.join("\n")}>
      <span className="block font-mono text-xs break-all text-slate-700">{first}</span>
      {rest.length > 0 ? (
        <span className="block text-xs text-slate-500">
          and {rest.length} more ({uris.length} in all)
        </span>
      ) : null}
    </span>
  );
}

function secretsLabel(app: OAuthApp): string {
  if (app.client_type === "public") return "None (PKCE only)";
  const n = app.secrets.length;
  return n === 0 ? "None" : `${n} of ${MAX_CLIENT_SECRETS}`;
}

function grantsLabel(n: number): string {
  return n === 0 ? "None" : n === 1 ? "1 user" : `${n} users`;
}

function AppName({ app }: { app: OAuthApp }) {
  return (
    <Link
      href={oauthAppHref(app.id)}
      className="block font-medium text-slate-900 [overflow-wrap:anywhere] hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      {app.name}
    </Link>
  );
}

/**
 * The apps as a table on wide screens and as stacked cards on narrow ones. Both are rendered; CSS
 * shows one, and display:none keeps the other out of the accessibility tree.
 */
export function OAuthAppsTable({ apps }: { apps: OAuthApp[] }) {
  return (
    <>
      <Table caption="OAuth apps" className="hidden lg:block" tableClassName="table-fixed">
        <colgroup>
          <col className="w-[22%]" />
          <col className="w-[24%]" />
          <col className="w-[22%]" />
          <col className="w-[10%]" />
          <col className="w-[8%]" />
          <col className="w-[14%]" />
        </colgroup>
        <TableHead>
          <Th>Name</Th>
          <Th>Client ID</Th>
          <Th>Redirect URIs</Th>
          <Th>Secrets</Th>
          <Th>Grants</Th>
          <Th>Created</Th>
        </TableHead>
        <TableBody>
          {apps.map((app) => (
            <Tr key={app.id} data-row-id={app.id}>
              <Td className="min-w-0">
                <AppName app={app} />
                <div className="mt-1">
                  <ClientTypeBadge type={app.client_type} />
                </div>
              </Td>
              <Td className="min-w-0">
                <ClientId clientId={app.client_id} appName={app.name} />
              </Td>
              <Td className="min-w-0">
                <RedirectUris uris={app.redirect_uris} />
              </Td>
              <Td className="text-slate-700">{secretsLabel(app)}</Td>
              <Td className="text-slate-700">{grantsLabel(app.active_grants)}</Td>
              <Td>
                <DateWithHint date={app.created_at} tense="past" />
                {app.created_by ? (
                  <div className="truncate text-xs text-slate-500" title={app.created_by.email}>
                    by {app.created_by.name}
                  </div>
                ) : null}
              </Td>
            </Tr>
          ))}
        </TableBody>
      </Table>

      <ul aria-label="OAuth apps" className="space-y-3 lg:hidden">
        {apps.map((app) => (
          <li
            key={app.id}
            aria-label={app.name}
            data-row-id={app.id}
            className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <AppName app={app} />
              </div>
              <ClientTypeBadge type={app.client_type} />
            </div>
            <div className="mt-2">
              <ClientId clientId={app.client_id} appName={app.name} />
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-xs">
              <div className="col-span-2 min-w-0">
                <dt className="text-slate-500">Redirect URIs</dt>
                <dd className="text-slate-800">
                  <RedirectUris uris={app.redirect_uris} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Secrets</dt>
                <dd className="text-slate-800">{secretsLabel(app)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Active grants</dt>
                <dd className="text-slate-800">{grantsLabel(app.active_grants)}</dd>
              </div>
              <div className="col-span-2">
                <dt className="text-slate-500">Created</dt>
                <dd className="text-slate-800">
                  <DateWithHint date={app.created_at} tense="past" inline />
                  {app.created_by ? ` by ${app.created_by.name}` : null}
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
