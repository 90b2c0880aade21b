"use client";

import Link from "next/link";
import { type ReactNode, useId } from "react";
import { useApiKey, useScopeCatalogue } from "@/components/api-keys/api-key-queries";
import type { ApiKeyDetail } from "@/components/api-keys/api-key-types";
import { KeyAuditTrail } from "@/components/api-keys/key-audit-trail";
import { IpRestrictedBadge } from "@/components/api-keys/key-policy-badges";
import { KeyPolicyPanel } from "@/components/api-keys/key-policy-panel";
import { KeyRecentRequests } from "@/components/api-keys/key-recent-requests";
import { LeastPrivilegeHint } from "@/components/api-keys/least-privilege-hint";
import { MaskedKey } from "@/components/api-keys/masked-key";
import { RenameApiKeyForm } from "@/components/api-keys/rename-api-key-form";
import { needsRotation, RotationHint } from "@/components/api-keys/rotation-hint";
import { StatusBadge } from "@/components/api-keys/status-badge";
import { useKeyDialogs } from "@/components/api-keys/use-key-dialogs";
import { Button } from "@/components/ui/button";
import { DetailQuery } from "@/components/ui/detail-query";
import { ClockTime, DateWithHint, useNow } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { UsagePanel } from "@/components/usage/usage-panel";
import type { Role } from "@/lib/roles";

function keyHref(id: string): string {
  return `/settings/api-keys/${encodeURIComponent(id)}`;
}

export function ApiKeyDetailClient({
  keyId,
  organization,
  role,
  currentUserId,
  currentIp = null,
  rateLimitMax,
  rotateBlockedReason = null,
}: {
  keyId: string;
  organization: { id: string; name: string };
  role: Role;
  currentUserId: string;
  /** The address the API sees for this browser, for the allowlist's one-click entry. */
  currentIp?: string | null;
  /** RATE_LIMIT_KEY_MAX: the highest per-key limit the server takes. */
  rateLimitMax: number;
  rotateBlockedReason?: string | null;
}) {
  const query = useApiKey(organization.id, keyId);
  const dialogs = useKeyDialogs({
    organizationId: organization.id,
    organizationName: organization.name,
    role,
  });

  return (
    <DetailQuery
      query={query}
      backHref="/settings/api-keys"
      backLabel="All API keys"
      organizationName={organization.name}
      loadingLabel="Loading the key"
      errorTitle="This key could not be loaded"
      panel={false}
      after={dialogs.dialog}
    >
      {(apiKey) => (
        <KeyDetail
          apiKey={apiKey}
          organization={organization}
          canEdit={role === "admin" || role === "owner" || apiKey.created_by === currentUserId}
          onRotate={() => dialogs.openRotate(apiKey)}
          onRevoke={() => dialogs.openRevoke(apiKey)}
          onEndGrace={() => dialogs.openEndGrace(apiKey)}
          rotateBlockedReason={rotateBlockedReason}
          currentIp={currentIp}
          rateLimitMax={rateLimitMax}
        />
      )}
    </DetailQuery>
  );
}

function KeyDetail({
  apiKey,
  organization,
  canEdit,
  onRotate,
  onRevoke,
  onEndGrace,
  rotateBlockedReason,
  currentIp,
  rateLimitMax,
}: {
  apiKey: ApiKeyDetail;
  organization: { id: string; name: string };
  canEdit: boolean;
  onRotate: () => void;
  onRevoke: () => void;
  onEndGrace: () => void;
  rotateBlockedReason: string | null;
  currentIp: string | null;
  rateLimitMax: number;
}) {
  const blockedId = useId();
  const nowMs = useNow();
  const rotatable =
    (apiKey.status === "active" || apiKey.status === "expiring_soon") && !apiKey.replaced_by;
  const revocable = apiKey.status !== "revoked";
  const revokedAt = apiKey.status === "revoked" ? apiKey.revoked_at : null;
  // Replaced by a rotation but still working: the old key's grace period.
  const inGrace = Boolean(apiKey.replaced_by) && revocable && apiKey.status !== "expired";

  return (
    <>
      <section
        aria-label="Key"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 flex-1 space-y-2">
            {/* Keyed by name so the editor starts from the latest name after a refetch. */}
            <RenameApiKeyForm
              key={apiKey.name}
              organizationId={organization.id}
              apiKey={apiKey}
              canEdit={canEdit && apiKey.status !== "revoked"}
            />
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={apiKey.status} />
              <MaskedKey apiKey={apiKey} />
              <IpRestrictedBadge apiKey={apiKey} />
              {nowMs !== null && needsRotation(apiKey, nowMs) ? <RotationHint /> : null}
            </div>
            {inGrace && apiKey.expires_at ? (
              <p
                role="note"
                className="flex flex-wrap items-center gap-x-1.5 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
              >
                <span>
                  Replaced by a rotation. Stops working at <ClockTime date={apiKey.expires_at} />
                </span>
                {canEdit ? (
                  <>
                    <span aria-hidden="true">·</span>
                    <button
                      type="button"
                      onClick={onEndGrace}
                      className="rounded font-medium text-amber-900 underline hover:text-amber-950 focus-visible:outline-2 focus-visible:outline-amber-700"
                    >
                      End grace now
                    </button>
                  </>
                ) : null}
              </p>
            ) : null}
          </div>
          {canEdit && (rotatable || revocable) ? (
            <div className="flex shrink-0 gap-2">
              {rotatable ? (
                <Button
                  variant="secondary"
                  onClick={onRotate}
                  disabled={rotateBlockedReason !== null}
                  aria-describedby={rotateBlockedReason ? blockedId : undefined}
                >
                  Rotate key
                </Button>
              ) : null}
              {revocable ? (
                <Button variant="danger" onClick={onRevoke}>
                  Revoke key
                </Button>
              ) : null}
            </div>
          ) : null}
        </div>
        {canEdit && rotatable && rotateBlockedReason ? (
          <p id={blockedId} className="mt-3 text-sm text-slate-600 sm:text-right">
            {rotateBlockedReason}
          </p>
        ) : null}

        <dl className="mt-6 grid grid-cols-2 gap-x-6 gap-y-4 border-t border-slate-100 pt-5 text-sm lg:grid-cols-3">
          <Detail label="Created">
            <DateWithHint date={apiKey.created_at} tense="past" />
          </Detail>
          <Detail label="Created by">
            {apiKey.creator.name}
            <span className="block truncate text-xs text-slate-500">{apiKey.creator.email}</span>
          </Detail>
          <Detail label="Last used">
            <DateWithHint date={apiKey.last_used_at} fallback="Never" tense="past" />
          </Detail>
          <Detail label="Last used from">
            {apiKey.last_used_ip ? (
              <span className="font-mono text-xs break-all">{apiKey.last_used_ip}</span>
            ) : (
              "Never used"
            )}
          </Detail>
          <Detail label={revokedAt ? "Revoked" : "Expires"}>
            {revokedAt ? (
              <DateWithHint prefix="Revoked on" date={revokedAt} tense="past" />
            ) : (
              <DateWithHint date={apiKey.expires_at} fallback="Never" />
            )}
          </Detail>
          <Detail label="Environment">
            <span className="font-mono text-xs">{apiKey.environment}</span>
          </Detail>
          {apiKey.rotated_from ? (
            <Detail label="Rotated from">
              <Link
                href={keyHref(apiKey.rotated_from)}
                className="font-medium text-brand-700 hover:underline"
              >
                Previous key
              </Link>
            </Detail>
          ) : null}
          {apiKey.replaced_by ? (
            <Detail label="Replaced by">
              <Link
                href={keyHref(apiKey.replaced_by)}
                className="font-medium text-brand-700 hover:underline"
              >
                New key
              </Link>
            </Detail>
          ) : null}
          <Detail label="Key ID">
            <span className="font-mono text-xs break-all">{apiKey.id}</span>
          </Detail>
        </dl>
      </section>

      <section
        aria-labelledby="scopes-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="scopes-heading" className="text-base font-semibold text-slate-900">
          Scopes
        </h3>
        <LeastPrivilegeHint
          organizationId={organization.id}
          apiKey={apiKey}
          canEdit={canEdit && apiKey.status !== "revoked"}
        />
        <ScopeList organizationId={organization.id} scopes={apiKey.scopes} />
      </section>

      <section
        aria-labelledby="policy-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="policy-heading" className="text-base font-semibold text-slate-900">
          Access policy
        </h3>
        <p className="mt-1 text-sm text-slate-500">
          Where this key may be used from, and how many requests it may make per minute.
        </p>
        <KeyPolicyPanel
          organizationId={organization.id}
          apiKey={apiKey}
          canEdit={canEdit && apiKey.status !== "revoked" && apiKey.status !== "expired"}
          currentIp={currentIp}
          rateLimitMax={rateLimitMax}
        />
      </section>

      <section
        id="usage"
        aria-labelledby="usage-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="usage-heading" className="mb-4 text-base font-semibold text-slate-900">
          Usage
        </h3>
        <UsagePanel
          subject={{ type: "api-key", id: apiKey.id, rotatedFrom: apiKey.rotated_from }}
          organizationId={organization.id}
          lastUsedAt={apiKey.last_used_at}
        />
      </section>

      <section
        aria-labelledby="requests-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id="requests-heading" className="text-base font-semibold text-slate-900">
            Recent requests
          </h3>
          <Link
            href={`/settings/logs?key=${encodeURIComponent(apiKey.id)}`}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            View all<span className="sr-only"> requests of this key</span>
          </Link>
        </div>
        <p className="mt-1 text-sm text-slate-500">
          The last calls made with this key, refusals included. Open one to see what to do about it.
        </p>
        <div className="mt-4">
          <KeyRecentRequests organizationId={organization.id} keyId={apiKey.id} />
        </div>
      </section>

      <section
        aria-labelledby="audit-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="audit-heading" className="text-base font-semibold text-slate-900">
          Audit trail
        </h3>
        <p className="mt-1 text-sm text-slate-500">
          Every change to this key, with who made it and from where.
        </p>
        <div className="mt-5">
          <KeyAuditTrail organizationId={organization.id} keyId={apiKey.id} />
        </div>
      </section>
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

/** The key's scopes with what each one allows, from the catalogue. */
function ScopeList({
  organizationId,
  scopes,
}: {
  organizationId: string;
  scopes: readonly string[];
}) {
  const catalogue = useScopeCatalogue(organizationId);
  const descriptionOf = (scope: string) =>
    catalogue.data?.find((entry) => entry.scope === scope)?.description;
  return (
    <ul className="mt-4 divide-y divide-slate-100">
      {scopes.map((scope) => (
        <li key={scope} className="flex flex-col gap-0.5 py-2.5 sm:flex-row sm:gap-4">
          <code className="shrink-0 font-mono text-xs font-medium text-slate-800 sm:w-44">
            {scope}
          </code>
          <span className="text-sm text-slate-600">
            {descriptionOf(scope) ??
              (catalogue.isPending ? <Skeleton className="h-4 w-64" /> : null)}
          </span>
        </li>
      ))}
    </ul>
  );
}
