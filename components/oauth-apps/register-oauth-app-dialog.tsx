"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { OAuthAppFields } from "./oauth-app-fields";
import {
  type AppFieldErrors,
  appFieldErrorsFromApi,
  appNameProblem,
  hasErrors,
  homepageProblem,
  redirectUriProblems,
  sentRedirectUris,
} from "./oauth-app-form-errors";
import { registerOAuthApp } from "./oauth-app-queries";
import { CLIENT_TYPES, type OAuthApp, type OAuthClientType } from "./oauth-app-types";

/**
 * Brings the first field marked invalid into view and moves focus to it: after a failed submit,
 * people see what to fix without scrolling.
 */
function revealFirstError(form: HTMLElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  first.scrollIntoView({ block: "center" });
  first.focus({ preventScroll: true });
}

/** Enter on a radio button would submit a half-chosen form in Chromium: only fields submit. */
function blockEnterOnChoices(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target;
  if (event.key === "Enter" && target instanceof HTMLInputElement && target.type === "radio") {
    event.preventDefault();
  }
}

export function RegisterOAuthAppDialog({
  organizationId,
  organizationName,
  onClose,
  onRegistered,
}: {
  organizationId: string;
  organizationName: string;
  onClose: () => void;
  onRegistered: (result: { app: OAuthApp; secret: string | null }) => void;
}) {
  const client = useQueryClient();
  const formId = useId();
  const [name, setName] = useState("");
  const [homepage, setHomepage] = useState("");
  const [redirectUris, setRedirectUris] = useState<string[]>([""]);
  const [clientType, setClientType] = useState<OAuthClientType>("confidential");
  const [errors, setErrors] = useState<AppFieldErrors>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Bumped by each failed submit: the first field marked invalid is then brought into view.
  const [failedSubmits, setFailedSubmits] = useState(0);
  useEffect(() => {
    if (failedSubmits > 0) revealFirstError(formRef.current);
  }, [failedSubmits]);

  const halfFilled =
    name.trim() !== "" ||
    homepage.trim() !== "" ||
    redirectUris.some((uri) => uri.trim() !== "") ||
    clientType !== "confidential";

  function fail(next: AppFieldErrors) {
    setErrors(next);
    setFailedSubmits((n) => n + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    // The API's rules, checked here first: every bad field is marked at once.
    const next: AppFieldErrors = {
      name: appNameProblem(name),
      homepage_url: homepageProblem(homepage),
      ...redirectUriProblems(redirectUris),
    };
    if (hasErrors(next)) return fail(next);
    setErrors({});
    setPending(true);
    const { uris, rowOf } = sentRedirectUris(redirectUris);
    try {
      const result = await registerOAuthApp(client, organizationId, {
        name: name.trim(),
        redirect_uris: uris,
        client_type: clientType,
        ...(homepage.trim() ? { homepage_url: homepage.trim() } : {}),
      });
      onRegistered(result);
    } catch (error) {
      fail(
        appFieldErrorsFromApi(
          error,
          "The app could not be registered. Check your connection and try again.",
          (index) => rowOf[index] ?? index,
        ),
      );
      setPending(false);
    }
  }

  return (
    <Dialog
      title="Register an OAuth app"
      description={
        <>
          A third-party app that people of{" "}
          <strong className="text-slate-800">{organizationName}</strong> can authorize to act for
          them, within the scopes they grant.
        </>
      }
      onClose={onClose}
      discardWarning={
        halfFilled && !pending
          ? "Discard this app? What you entered is lost; nothing has been registered."
          : null
      }
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? "Registering…" : "Register app"}
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
        <OAuthAppFields
          formId={formId}
          values={{ name, homepage, redirectUris }}
          onChange={(change) => {
            if (change.name !== undefined) setName(change.name);
            if (change.homepage !== undefined) setHomepage(change.homepage);
            if (change.redirectUris !== undefined) setRedirectUris(change.redirectUris);
          }}
          errors={errors}
          setErrors={setErrors}
          registering
        />
        <fieldset
          className="space-y-2"
          aria-describedby={errors.client_type ? `${formId}-type-error` : undefined}
        >
          <legend className="text-sm font-medium text-slate-800">Client type</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {CLIENT_TYPES.map((type) => {
              const inputId = `${formId}-type-${type.value}`;
              return (
                <label
                  key={type.value}
                  htmlFor={inputId}
                  className={`flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ring-inset ${
                    clientType === type.value
                      ? "bg-brand-50/60 ring-brand-600"
                      : "ring-slate-300 hover:bg-slate-50"
                  }`}
                >
                  <input
                    id={inputId}
                    type="radio"
                    name="client_type"
                    value={type.value}
                    checked={clientType === type.value}
                    onChange={() => setClientType(type.value)}
                    aria-labelledby={`${inputId}-label`}
                    aria-describedby={`${inputId}-hint`}
                    className="mt-0.5 size-4 shrink-0 accent-brand-600"
                  />
                  <span className="min-w-0">
                    <span
                      id={`${inputId}-label`}
                      className="block text-sm font-medium text-slate-900"
                    >
                      {type.label}
                    </span>
                    <span id={`${inputId}-hint`} className="block text-xs text-slate-600">
                      {type.hint}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          <p className="text-xs text-slate-500">The type cannot be changed later.</p>
          {errors.client_type ? (
            <p id={`${formId}-type-error`} className="text-sm text-red-600">
              {errors.client_type}
            </p>
          ) : null}
        </fieldset>
      </form>
    </Dialog>
  );
}
