"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useOrganizationDetail } from "@/components/organizations/organization-queries";
import { AvailableOn } from "@/components/ui/available-on";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Skeleton } from "@/components/ui/skeleton";
import type { Role } from "@/lib/roles";
import { AllowedIpsField, parseAllowedIps } from "./allowed-ips-field";
import { createApiKey, useScopeCatalogue } from "./api-key-queries";
import type { ApiKey, Scope } from "./api-key-types";
import { type Expiry, ExpiryPicker, expiryToIso, expiryWithin } from "./expiry-picker";
import {
  allowlistProblems,
  hasErrors,
  type KeyFieldErrors,
  keyFieldErrorsFromApi,
  keyNameProblem,
  revealFirstError,
} from "./key-form-errors";
import { ScopePicker } from "./scope-picker";

/**
 * Chromium submits a form when Enter is pressed on a tick box or radio button. Here that created
 * keys with half-chosen scopes: Enter submits from the name field or the button only.
 */
function blockEnterOnChoices(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target;
  if (
    event.key === "Enter" &&
    target instanceof HTMLInputElement &&
    (target.type === "checkbox" || target.type === "radio")
  ) {
    event.preventDefault();
  }
}

export function CreateApiKeyDialog({
  organizationId,
  organizationName,
  role,
  currentIp,
  onClose,
  onCreated,
}: {
  organizationId: string;
  organizationName: string;
  role: Role;
  /** The address this browser calls from, offered as an allowlist entry; null when unknown. */
  currentIp: string | null;
  onClose: () => void;
  onCreated: (result: { apiKey: ApiKey; secret: string }) => void;
}) {
  const client = useQueryClient();
  const catalogue = useScopeCatalogue(organizationId);
  // The plan and policies shape the form: allowlists need a plan with them, and a maximum
  // lifetime removes "Never" and later presets.
  const governance = useOrganizationDetail(organizationId).data;
  const maxDays = governance?.policies.max_key_lifetime_days ?? null;
  const allowlistIncluded = governance?.entitlements.ip_allowlists ?? true;
  const formId = useId();
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [scopes, setScopes] = useState<Set<Scope>>(new Set());
  const [expiry, setExpiry] = useState<Expiry>({ kind: "days", days: 90 });
  const [allowedText, setAllowedText] = useState("");
  const [errors, setErrors] = useState<KeyFieldErrors>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Bumped by each failed submit: the first field marked invalid is then brought into view.
  const [failedSubmits, setFailedSubmits] = useState(0);
  useEffect(() => {
    if (failedSubmits > 0) revealFirstError(formRef.current);
  }, [failedSubmits]);

  const nameError = errors.name ?? (nameTouched ? keyNameProblem(name) : undefined);
  // Anything typed or chosen: Escape and ✕ ask before throwing it away.
  const halfFilled =
    name.trim() !== "" ||
    scopes.size > 0 ||
    allowedText.trim() !== "" ||
    !(expiry.kind === "days" && expiry.days === 90);

  function fail(next: KeyFieldErrors) {
    setErrors(next);
    setFailedSubmits((n) => n + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const expiresAt = expiryToIso(expiryWithin(expiry, maxDays));
    const allowedIps = parseAllowedIps(allowedText);
    // The API's rules, checked here first: every bad field is marked at once.
    const next: KeyFieldErrors = {
      name: keyNameProblem(name),
      scopes: scopes.size === 0 ? "Choose at least one scope." : undefined,
      expires_at: expiresAt === undefined ? "Pick a date from tomorrow on." : undefined,
      allowed_ips: allowlistProblems(allowedIps),
    };
    setNameTouched(true);
    if (hasErrors(next) || expiresAt === undefined) return fail(next);
    setErrors({});
    setPending(true);
    try {
      // Keep the catalogue's order, so keys list their scopes the same way.
      const ordered = (catalogue.data ?? [])
        .map((s) => s.scope)
        .filter((scope) => scopes.has(scope));
      const result = await createApiKey(client, organizationId, {
        name: name.trim(),
        scopes: ordered,
        expires_at: expiresAt,
        allowed_ips: allowedIps,
      });
      onCreated(result);
    } catch (error) {
      fail(
        keyFieldErrorsFromApi(
          error,
          "The key could not be created. Check your connection and try again.",
        ),
      );
      setPending(false);
    }
  }

  return (
    <Dialog
      title="Create New API Key"
      description={
        <>
          The key acts as you inside <strong className="text-slate-800">{organizationName}</strong>,
          limited to the scopes you choose.
        </>
      }
      onClose={onClose}
      discardWarning={
        halfFilled && !pending
          ? "Discard this key? What you entered is lost; nothing has been created."
          : null
      }
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} disabled={pending || catalogue.isPending}>
            {pending ? "Creating…" : "Create key"}
          </Button>
        </>
      }
    >
      <form
        ref={formRef}
        id={formId}
        noValidate
        onSubmit={submit}
        onKeyDown={blockEnterOnChoices}
        className="space-y-6"
      >
        <FormAlert message={errors.form} />
        <TextField
          id={`${formId}-name`}
          name="name"
          label="Name"
          placeholder="e.g. CI/CD pipeline"
          autoComplete="off"
          required
          data-autofocus
          value={name}
          error={nameError}
          hint="Say where the key will live, so you know what breaks if you revoke it."
          onChange={(e) => {
            setName(e.target.value);
            if (errors.name) setErrors((prev) => ({ ...prev, name: undefined }));
          }}
          onBlur={() => setNameTouched(name.length > 0 || nameTouched)}
        />
        {catalogue.isPending ? (
          <div className="space-y-2" role="status" aria-label="Loading scopes">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-40 w-full" />
          </div>
        ) : catalogue.isError ? (
          <ErrorState
            title="Scopes could not be loaded"
            message={catalogue.error.message}
            onRetry={() => void catalogue.refetch()}
            retrying={catalogue.isFetching}
          />
        ) : (
          <ScopePicker
            catalogue={catalogue.data}
            selected={scopes}
            role={role}
            error={errors.scopes}
            onChange={(next) => {
              setScopes(next);
              if (errors.scopes) setErrors((prev) => ({ ...prev, scopes: undefined }));
            }}
          />
        )}
        <ExpiryPicker
          value={expiryWithin(expiry, maxDays)}
          maxDays={maxDays}
          error={errors.expires_at}
          onChange={(next) => {
            setExpiry(next);
            if (errors.expires_at) setErrors((prev) => ({ ...prev, expires_at: undefined }));
          }}
        />
        {allowlistIncluded ? (
          <AllowedIpsField
            id={`${formId}-allowed-ips`}
            value={allowedText}
            currentIp={currentIp}
            errors={errors.allowed_ips}
            onChange={(next) => {
              setAllowedText(next);
              if (errors.allowed_ips) setErrors((prev) => ({ ...prev, allowed_ips: undefined }));
            }}
          />
        ) : (
          <div className="space-y-1.5">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-500">
              Allowed IPs <AvailableOn feature="ip_allowlists" />
            </p>
            <p className="text-xs text-slate-500">
              {organizationName}&apos;s plan does not include IP allowlists: this key works from any
              address.
            </p>
          </div>
        )}
      </form>
    </Dialog>
  );
}
