"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import {
  type AppFieldErrors,
  appFieldErrorsFromApi,
  appNameProblem,
  hasErrors,
  homepageProblem,
  redirectUriProblems,
  sentRedirectUris,
} from "./oauth-app-form-errors";
import { useUpdateOAuthApp } from "./oauth-app-queries";
import type { OAuthApp, UpdateOAuthAppInput } from "./oauth-app-types";
import { RedirectUrisField } from "./redirect-uris-field";

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The app's name, homepage and redirect URIs, saved with PATCH: only what changed is sent (each
 * change is audited with its before and after). After a save the fields hold what the server
 * now holds, so Save turns off again until the next change.
 */
export function EditOAuthAppForm({
  organizationId,
  app,
  onSaved,
}: {
  organizationId: string;
  app: OAuthApp;
  onSaved: (app: OAuthApp) => void;
}) {
  const update = useUpdateOAuthApp(organizationId);
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(app.name);
  const [homepage, setHomepage] = useState(app.homepage_url ?? "");
  const [redirectUris, setRedirectUris] = useState<string[]>(
    app.redirect_uris.length > 0 ? app.redirect_uris : [""],
  );
  const [errors, setErrors] = useState<AppFieldErrors>({});
  const [failedSubmits, setFailedSubmits] = useState(0);
  useEffect(() => {
    if (failedSubmits === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.scrollIntoView({ block: "center" });
    first?.focus({ preventScroll: true });
  }, [failedSubmits]);

  const { uris, rowOf } = sentRedirectUris(redirectUris);
  const change: UpdateOAuthAppInput = {};
  if (name.trim() !== app.name) change.name = name.trim();
  if ((homepage.trim() || null) !== app.homepage_url) change.homepage_url = homepage.trim() || null;
  if (!sameList(uris, app.redirect_uris)) change.redirect_uris = uris;
  const dirty = Object.keys(change).length > 0;

  function fail(next: AppFieldErrors) {
    setErrors(next);
    setFailedSubmits((n) => n + 1);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending || !dirty) return;
    const next: AppFieldErrors = {
      name: appNameProblem(name),
      homepage_url: homepageProblem(homepage),
      ...redirectUriProblems(redirectUris),
    };
    if (hasErrors(next)) return fail(next);
    setErrors({});
    update.mutate(
      { id: app.id, ...change },
      {
        onSuccess: onSaved,
        onError: (error) =>
          fail(
            appFieldErrorsFromApi(
              error,
              "The changes were not saved. Check your connection and try again.",
              (index) => rowOf[index] ?? index,
            ),
          ),
      },
    );
  }

  function reset() {
    setName(app.name);
    setHomepage(app.homepage_url ?? "");
    setRedirectUris(app.redirect_uris.length > 0 ? app.redirect_uris : [""]);
    setErrors({});
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="mt-5 max-w-2xl space-y-6">
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
        label="Application name"
        autoComplete="off"
        required
        value={name}
        error={errors.name}
        hint="Shown to people on the consent screen when they authorize the app."
        onChange={(e) => {
          setName(e.target.value);
          if (errors.name) setErrors((prev) => ({ ...prev, name: undefined }));
        }}
      />
      <TextField
        id={`${formId}-homepage`}
        name="homepage_url"
        type="url"
        inputMode="url"
        label="Homepage URL (optional)"
        placeholder="https://example.com"
        autoComplete="off"
        value={homepage}
        error={errors.homepage_url}
        onChange={(e) => {
          setHomepage(e.target.value);
          if (errors.homepage_url) setErrors((prev) => ({ ...prev, homepage_url: undefined }));
        }}
      />
      <RedirectUrisField
        id={`${formId}-redirect`}
        rows={redirectUris}
        error={errors.redirect_uris}
        rowErrors={errors.redirect_uri_rows}
        onChange={(next) => {
          setRedirectUris(next);
          if (errors.redirect_uris || errors.redirect_uri_rows) {
            setErrors((prev) => ({
              ...prev,
              redirect_uris: undefined,
              redirect_uri_rows: undefined,
            }));
          }
        }}
      />
      {change.redirect_uris ? (
        <p className="text-xs text-slate-500">
          A redirect URI you remove is refused from the next authorization request; people already
          signed in to the app stay signed in.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={!dirty || update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </Button>
        {dirty ? (
          <Button variant="secondary" onClick={reset} disabled={update.isPending}>
            Discard changes
          </Button>
        ) : null}
      </div>
    </form>
  );
}
