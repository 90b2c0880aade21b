"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/server/http/actions/session-actions";
import type { ActiveSession } from "@/server/sessions/schemas";
import { RevokeSessionDialog } from "./revoke-session-dialog";
import { SessionTime } from "./session-time";

/**
 * Settings > Account's active sessions, read by the server page: one row per browser signed in
 * to the account. This one can sign out; every other can be revoked after a confirmation.
 */
export function ActiveSessions({ sessions }: { sessions: ActiveSession[] }) {
  const [revoking, setRevoking] = useState<ActiveSession | null>(null);
  return (
    <>
      <ul
        aria-label="Active sessions"
        className="mt-4 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200"
      >
        {sessions.map((session) => (
          <li
            key={session.id}
            className="flex flex-col gap-3 px-4 py-3.5 sm:flex-row sm:items-start sm:justify-between"
          >
            <div className="min-w-0 space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                {session.device}
                {session.current ? (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200">
                    This session
                  </span>
                ) : null}
              </p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-600">
                <dt className="text-slate-500">Address</dt>
                <dd className="break-all">{session.ip || "Unknown"}</dd>
                <dt className="text-slate-500">Signed in</dt>
                <dd>
                  <SessionTime date={session.signedInAt} />
                </dd>
                <dt className="text-slate-500">Last seen</dt>
                <dd>{session.current ? "Now" : <SessionTime date={session.lastSeenAt} />}</dd>
              </dl>
            </div>
            {session.current ? (
              <form
                action={async (form) => {
                  await signOutAction(form);
                }}
              >
                <Button type="submit" variant="secondary" className="w-full sm:w-auto">
                  Sign out
                </Button>
              </form>
            ) : (
              <Button
                variant="secondary"
                className="w-full sm:w-auto"
                aria-label={`Revoke ${session.device}, signed in ${session.signedInAt.slice(0, 16).replace("T", " ")} UTC`}
                onClick={() => setRevoking(session)}
              >
                Revoke…
              </Button>
            )}
          </li>
        ))}
      </ul>
      {sessions.some((session) => !session.current) ? null : (
        <p className="mt-3 text-sm text-slate-500">
          No other browser or device is signed in to your account.
        </p>
      )}
      {revoking ? (
        <RevokeSessionDialog session={revoking} onClose={() => setRevoking(null)} />
      ) : null}
    </>
  );
}
