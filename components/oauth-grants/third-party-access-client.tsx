"use client";

import { useRef } from "react";
import { ListHeader } from "@/components/ui/list-header";
import { GrantsEmptyState } from "./grants-empty-state";
import { GrantsList } from "./grants-list";
import { useOrganizationGrants } from "./oauth-grant-queries";
import { ThirdPartyPolicyPanel } from "./third-party-policy-panel";

interface ThirdPartyAccessClientProps {
  organization: { id: string; name: string };
  /** Owners (and platform admins) set the policy; admins read it. */
  canChangePolicy: boolean;
  /** write:oauth-apps: owners and admins revoke any grant of the organization. */
  canRevoke: boolean;
}

export function ThirdPartyAccessClient(props: ThirdPartyAccessClientProps) {
  // The policy and grants in view belong to one organization: switching starts afresh.
  return <ThirdPartyAccessView key={props.organization.id} {...props} />;
}

function ThirdPartyAccessView({
  organization,
  canChangePolicy,
  canRevoke,
}: ThirdPartyAccessClientProps) {
  const grants = useOrganizationGrants(organization.id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <div className="space-y-8">
      <ListHeader
        title="Third-party access"
        headingRef={headingRef}
        organizationName={organization.name}
        description={
          <>
            Which third-party apps people of{" "}
            <strong className="font-medium text-slate-800 [overflow-wrap:anywhere]">
              {organization.name}
            </strong>{" "}
            may authorize to act for them here, and every app they have authorized.
          </>
        }
      />

      <ThirdPartyPolicyPanel organization={organization} canChange={canChangePolicy} />

      <section aria-labelledby="organization-grants-heading" className="space-y-4">
        <div>
          <h3 id="organization-grants-heading" className="text-base font-semibold text-slate-900">
            Authorized apps
          </h3>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">
            Each app a member allowed to act for them in {organization.name}, and what it may do.
            Revoking one stops its tokens at once; the member can authorize it again if the policy
            allows.
          </p>
        </div>
        <GrantsList
          query={grants}
          view="organization"
          caption="Authorized apps"
          organizationId={organization.id}
          canRevoke={canRevoke}
          headingRef={headingRef}
          empty={
            <GrantsEmptyState
              id="organization-grants-empty"
              title={`No app acts in ${organization.name}`}
            >
              <p>
                When a member authorizes a third-party app through “Sign in with Voltasis” or the
                consent screen, choosing {organization.name}, it appears here with what it may do,
                and you can revoke it.
              </p>
            </GrantsEmptyState>
          }
        />
      </section>
    </div>
  );
}
