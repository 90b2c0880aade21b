"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { ApiRequestError } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import type { Role } from "@/lib/roles";
import { ALLOWED_IPS_MAX, AllowedIpsField, parseAllowedIps } from "./allowed-ips-field";
import { createApiKey, useScopeCatalogue } from "./api-key-queries";
import type { ApiKey, Scope } from "./api-key-types";
import { type Expiry, ExpiryPicker, expiryToIso } from "./expiry-picker";
import { ScopePicker } from "./scope-picker";

const NAME_MAX = 100;

type FieldErrors = {
  name?: string;
  scopes?: string;
  expires_at?: string;
  allowed_ips?: string;
  form?: string;
};

function validateName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return "Give the key a name, so you know later where it is used.";
  if (trimmed.length > NAME_MAX) return `Keep the name under ${NAME_MAX} characters.`;
  return undefined;
}

/** Turns the API's error body into messages beside the fields they concern. */
function errorsFromApi(error: unknown): FieldErrors {
  if (!(error instanceof ApiRequestError)) {
    return { form: "The key could not be created. Check your connection and try again." };
  }
  if (error.code === "VALIDATION_ERROR" && Array.isArray(error.details)) {
    const errors: FieldErrors = {};
    for (const item of error.details as { field?: string; message?: string }[]) {
      const field = item.field?.split(".")[0];
      if (
        field === "name" ||
        field === "scopes" ||
        field === "expires_at" ||
        field === "allowed_ips"
      ) {
        errors[field] ??= item.message;
      } else {
        errors.form ??= item.message;
      }
    }
    return Object.keys(errors).length ? errors : { form: error.message };
  }
  if (error.status === 403) {
    const scopes = (error.details as { scopes?: string[] } | undefined)?.scopes;
    return {
      scopes: scopes?.length
        ? `Your role cannot grant ${scopes.join(", ")}.`
        : "You are not allowed to create keys with these scopes.",
    };
  }
  return { form: error.message };
}

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
  const formId = useId();
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [scopes, setScopes] = useState<Set<Scope>>(new Set());
  const [expiry, setExpiry] = useState<Expiry>({ kind: "days", days: 90 });
  const [allowedText, setAllowedText] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  const nameError = errors.name ?? (nameTouched ? validateName(name) : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const expiresAt = expiryToIso(expiry);
    const allowedIps = parseAllowedIps(allowedText);
    const next: FieldErrors = {
      name: validateName(name),
      scopes: scopes.size === 0 ? "Choose at least one scope." : undefined,
      expires_at: expiresAt === undefined ? "Pick a date from tomorrow on." : undefined,
      allowed_ips:
        allowedIps.length > ALLOWED_IPS_MAX
          ? `List at most ${ALLOWED_IPS_MAX} addresses or ranges.`
          : undefined,
    };
    setNameTouched(true);
    setErrors(next);
    if (
      next.name ||
      next.scopes ||
      next.expires_at ||
      next.allowed_ips ||
      expiresAt === undefined
    ) {
      const form = event.currentTarget;
      const invalid = next.name ? form.querySelector<HTMLElement>("[name=name]") : null;
      invalid?.focus();
      return;
    }
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
      setErrors(errorsFromApi(error));
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
        id={formId}
        noValidate
        onSubmit={submit}
        onKeyDown={blockEnterOnChoices}
        className="space-y-6"
      >
        {errors.form ? (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
          >
            {errors.form}
          </p>
        ) : null}
        <TextField
          id={`${formId}-name`}
          name="name"
          label="Name"
          placeholder="e.g. CI/CD pipeline"
          autoComplete="off"
          maxLength={NAME_MAX + 20}
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
          value={expiry}
          error={errors.expires_at}
          onChange={(next) => {
            setExpiry(next);
            if (errors.expires_at) setErrors((prev) => ({ ...prev, expires_at: undefined }));
          }}
        />
        <AllowedIpsField
          id={`${formId}-allowed-ips`}
          value={allowedText}
          currentIp={currentIp}
          error={errors.allowed_ips}
          onChange={(next) => {
            setAllowedText(next);
            if (errors.allowed_ips) setErrors((prev) => ({ ...prev, allowed_ips: undefined }));
          }}
        />
      </form>
    </Dialog>
  );
}
