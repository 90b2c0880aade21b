"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useOrganizationDetail } from "@/components/organizations/organization-queries";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { PlanNote } from "@/components/ui/unavailable-action";
import { AllowedIpsField, formatAllowedIps, parseAllowedIps } from "./allowed-ips-field";
import { useUpdateApiKey } from "./api-key-queries";
import type { ApiKey, UpdateApiKeyInput } from "./api-key-types";
import {
  allowlistProblems,
  hasErrors,
  type KeyFieldErrors,
  keyFieldErrorsFromApi,
  revealFirstError,
} from "./key-form-errors";

/** The platform's default per key (AUTHENTICATED_LIMIT on the server). */
export const DEFAULT_KEY_LIMIT = 1000;

function sameEntries(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Where the key works from and how fast it may go: its IP allowlist and its own rate limit,
 * saved together with one PATCH (only what changed is sent). Effective on the key's next call.
 */
export function KeyPolicyPanel({
  organizationId,
  apiKey,
  canEdit,
  currentIp,
  rateLimitMax,
}: {
  organizationId: string;
  apiKey: ApiKey;
  canEdit: boolean;
  currentIp: string | null;
  rateLimitMax: number;
}) {
  const id = useId();
  const update = useUpdateApiKey(organizationId);
  // Plans without allowlists and own limits (free) keep the ones set before, read-only.
  const included = useOrganizationDetail(organizationId).data?.entitlements.ip_allowlists ?? true;
  const [allowedText, setAllowedText] = useState(formatAllowedIps(apiKey.allowed_ips));
  const [limitText, setLimitText] = useState(apiKey.rate_limit_per_minute?.toString() ?? "");
  const [errors, setErrors] = useState<KeyFieldErrors>({});
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [failedSaves, setFailedSaves] = useState(0);
  useEffect(() => {
    if (failedSaves > 0) revealFirstError(formRef.current);
  }, [failedSaves]);
  const fail = (next: KeyFieldErrors) => {
    setErrors(next);
    setFailedSaves((n) => n + 1);
  };

  const limit = apiKey.rate_limit_per_minute;
  const effective = (limit ?? DEFAULT_KEY_LIMIT).toLocaleString("en");

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const entries = parseAllowedIps(allowedText);
    const trimmed = limitText.trim();
    const nextLimit = trimmed === "" ? null : Number(trimmed);
    // The API's rules, checked here first: every bad entry and field is named at once.
    const next: KeyFieldErrors = {
      allowed_ips: allowlistProblems(entries),
      rate_limit_per_minute:
        nextLimit !== null &&
        (!Number.isInteger(nextLimit) || nextLimit < 1 || nextLimit > rateLimitMax)
          ? `Enter a whole number from 1 to ${rateLimitMax.toLocaleString("en")}, or leave it empty for the default.`
          : undefined,
    };
    if (hasErrors(next)) return fail(next);
    setErrors({});
    const body: UpdateApiKeyInput = {};
    if (!sameEntries(entries, apiKey.allowed_ips)) body.allowed_ips = entries;
    if (nextLimit !== limit) body.rate_limit_per_minute = nextLimit;
    if (Object.keys(body).length === 0) return setSaved(true);
    update.mutate(
      { id: apiKey.id, ...body },
      {
        onSuccess: (key) => {
          // Shown as the server stored them: normalized, deduplicated.
          setAllowedText(formatAllowedIps(key.allowed_ips));
          setLimitText(key.rate_limit_per_minute?.toString() ?? "");
          setSaved(true);
        },
        onError: (error) => fail(keyFieldErrorsFromApi(error, "The policy could not be saved.")),
      },
    );
  }

  if (!canEdit || !included) {
    return (
      <>
        {included ? null : (
          <div className="mt-4">
            <PlanNote feature="ip_allowlists">
              This organization&apos;s plan does not include IP allowlists or per-key limits: the
              ones set here stay enforced, read-only.
            </PlanNote>
          </div>
        )}
        <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-xs font-medium text-slate-500">Allowed IP addresses</dt>
            <dd className="mt-1 font-mono text-xs text-slate-900">
              {apiKey.allowed_ips.length > 0 ? apiKey.allowed_ips.join(", ") : "Anywhere"}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">Rate limit</dt>
            <dd className="mt-1 text-slate-900">
              {effective} requests per minute{limit === null ? " (default)" : ""}
            </dd>
          </div>
        </dl>
      </>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="mt-4 space-y-5">
      {errors.form ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {errors.form}
        </p>
      ) : null}
      <AllowedIpsField
        id={`${id}-allowed-ips`}
        value={allowedText}
        currentIp={currentIp}
        errors={errors.allowed_ips}
        disabled={update.isPending}
        onChange={(value) => {
          setAllowedText(value);
          setSaved(false);
        }}
      />
      <div className="max-w-xs">
        <TextField
          id={`${id}-limit`}
          name="rate_limit_per_minute"
          label="Requests per minute"
          inputMode="numeric"
          placeholder={`${DEFAULT_KEY_LIMIT} (default)`}
          value={limitText}
          disabled={update.isPending}
          error={errors.rate_limit_per_minute}
          hint={`Now ${effective}${limit === null ? " (the default)" : ""}. From 1 to ${rateLimitMax.toLocaleString("en")}; empty for the default.`}
          onChange={(e) => {
            setLimitText(e.target.value);
            setSaved(false);
          }}
        />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save policy"}
        </Button>
        <p role="status" className="text-sm text-emerald-700">
          {saved ? "Saved. It applies from the key's next request." : ""}
        </p>
      </div>
    </form>
  );
}
