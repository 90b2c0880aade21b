"use client";

import { useRef } from "react";
import { GrantsEmptyState } from "./grants-empty-state";
import { GrantsList } from "./grants-list";
import { useMyGrants } from "./oauth-grant-queries";

/** Settings > Connected apps: the apps the signed-in user allowed to act for them, anywhere. */
export function ConnectedAppsClient() {
  const grants = useMyGrants();
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <div className="space-y-6">
      <div className="min-w-0">
        <h2
          ref={headingRef}
          tabIndex={-1}
          className="text-lg font-semibold text-slate-900 focus:outline-none"
        >
          Connected apps
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Third-party apps you allowed to use the Voltasis API for you, in each of your
          organizations. Revoke any you no longer use or do not recognize: its tokens stop working
          at once.
        </p>
      </div>
      <GrantsList
        query={grants}
        view="mine"
        caption="Connected apps"
        headingRef={headingRef}
        empty={
          <GrantsEmptyState id="connected-apps-empty" title="No connected apps">
            <p>
              When you authorize an app through “Sign in with Voltasis” or the consent screen, it
              appears here, with the organization it acts in and what it may do there.
            </p>
            <p>You can revoke an app at any time; it never sees your password.</p>
          </GrantsEmptyState>
        }
      />
    </div>
  );
}
