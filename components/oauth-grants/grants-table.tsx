"use client";

import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { GrantApp, GrantScopes } from "./grant-app";
import type { OAuthGrant } from "./oauth-grant-types";

/**
 * "mine": the user's own grants, each with the organization it acts in (Connected apps).
 * "organization": every grant of one organization, each with the member who made it.
 */
export type GrantsView = "mine" | "organization";

export function revokeLabel(grant: OAuthGrant, view: GrantsView): string {
  return view === "mine"
    ? `Revoke ${grant.app.name} in ${grant.organization.name}`
    : `Revoke ${grant.app.name} for ${grant.user.name}`;
}

function Member({ user }: { user: OAuthGrant["user"] }) {
  return (
    <div className="min-w-0">
      <div className="font-medium text-slate-900 [overflow-wrap:anywhere]">{user.name}</div>
      <div className="text-xs text-slate-500 [overflow-wrap:anywhere]">{user.email}</div>
    </div>
  );
}

function RevokeButton({
  grant,
  view,
  onRevoke,
}: {
  grant: OAuthGrant;
  view: GrantsView;
  onRevoke: (grant: OAuthGrant) => void;
}) {
  return (
    <Button
      variant="secondary"
      className="text-red-700"
      aria-label={revokeLabel(grant, view)}
      onClick={() => onRevoke(grant)}
    >
      Revoke
    </Button>
  );
}

/**
 * The grants as a table on wide screens and as stacked cards on narrow ones. Both are rendered;
 * CSS shows one, and display:none keeps the other out of the accessibility tree.
 */
export function GrantsTable({
  grants,
  view,
  caption,
  onRevoke,
}: {
  grants: OAuthGrant[];
  view: GrantsView;
  caption: string;
  /** Absent when the viewer may not revoke: no Revoke buttons. */
  onRevoke?: (grant: OAuthGrant) => void;
}) {
  return (
    <>
      <Table caption={caption} className="hidden lg:block" tableClassName="table-fixed">
        <colgroup>
          <col className="w-[21%]" />
          <col className="w-[21%]" />
          <col className="w-[20%]" />
          <col className="w-[11%]" />
          <col className="w-[11%]" />
          {/* Room for the Revoke button at the narrowest width the table shows at (lg). */}
          <col className="w-[16%]" />
        </colgroup>
        <TableHead>
          {view === "organization" ? <Th>Member</Th> : null}
          <Th>App</Th>
          {view === "mine" ? <Th>Organization</Th> : null}
          <Th>Scopes</Th>
          <Th>Authorized</Th>
          <Th>Last used</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </TableHead>
        <TableBody>
          {grants.map((grant) => (
            <Tr key={grant.id} data-row-id={grant.id}>
              {view === "organization" ? (
                <Td className="min-w-0">
                  <Member user={grant.user} />
                </Td>
              ) : null}
              <Td className="min-w-0">
                <GrantApp app={grant.app} />
              </Td>
              {view === "mine" ? (
                <Td className="min-w-0 text-slate-700 [overflow-wrap:anywhere]">
                  {grant.organization.name}
                </Td>
              ) : null}
              <Td className="min-w-0">
                <GrantScopes scopes={grant.scopes} />
              </Td>
              <Td className="text-slate-700">
                <RelativeTime date={grant.created_at} tense="past" />
              </Td>
              <Td className="text-slate-700">
                <RelativeTime date={grant.last_used_at} fallback="Never" tense="past" />
              </Td>
              <Td className="text-right">
                {onRevoke ? <RevokeButton grant={grant} view={view} onRevoke={onRevoke} /> : null}
              </Td>
            </Tr>
          ))}
        </TableBody>
      </Table>

      <ul aria-label={caption} className="space-y-3 lg:hidden">
        {grants.map((grant) => (
          <li
            key={grant.id}
            aria-label={
              view === "mine" ? grant.app.name : `${grant.app.name} for ${grant.user.name}`
            }
            data-row-id={grant.id}
            className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <GrantApp app={grant.app} />
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-xs">
              {view === "organization" ? (
                <div className="col-span-2 min-w-0">
                  <dt className="text-slate-500">Member</dt>
                  <dd className="text-slate-800">
                    <Member user={grant.user} />
                  </dd>
                </div>
              ) : (
                <div className="col-span-2 min-w-0">
                  <dt className="text-slate-500">Organization</dt>
                  <dd className="text-slate-800 [overflow-wrap:anywhere]">
                    {grant.organization.name}
                  </dd>
                </div>
              )}
              <div className="col-span-2 min-w-0">
                <dt className="text-slate-500">Scopes</dt>
                <dd className="mt-0.5">
                  <GrantScopes scopes={grant.scopes} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Authorized</dt>
                <dd className="text-slate-800">
                  <RelativeTime date={grant.created_at} tense="past" />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Last used</dt>
                <dd className="text-slate-800">
                  <RelativeTime date={grant.last_used_at} fallback="Never" tense="past" />
                </dd>
              </div>
            </dl>
            {onRevoke ? (
              <div className="mt-3">
                <RevokeButton grant={grant} view={view} onRevoke={onRevoke} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
