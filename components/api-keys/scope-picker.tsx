"use client";

import { useId } from "react";
import { ROLE_LABELS, type Role } from "@/lib/roles";
import type { Scope, ScopeInfo } from "./api-key-types";

const RESOURCE_LABELS: Record<string, string> = {
  users: "Users",
  "time-entries": "Time entries",
  "api-keys": "API keys",
  "audit-logs": "Audit log",
  organizations: "Organizations",
};

const ACTION_LABELS: Record<string, string> = { read: "Read", write: "Write", admin: "Admin" };

function resourceLabel(resource: string): string {
  return RESOURCE_LABELS[resource] ?? resource.replace(/-/g, " ");
}

/** Why a scope cannot be chosen, in words a person understands. */
function disabledReason(info: ScopeInfo, role: Role): string {
  if (info.roles.length === 0) return "Only platform admins can grant this.";
  const roles = info.roles.filter((r) => r !== role).map((r) => ROLE_LABELS[r as Role] ?? r);
  return `Needs the ${roles.join(" or ")} role; you are ${role === "member" ? "a" : "an"} ${ROLE_LABELS[role]}.`;
}

function groupByResource(catalogue: readonly ScopeInfo[]): [string, ScopeInfo[]][] {
  const groups = new Map<string, ScopeInfo[]>();
  for (const info of catalogue) {
    const group = groups.get(info.resource) ?? [];
    group.push(info);
    groups.set(info.resource, group);
  }
  return [...groups];
}

type Preset = "read-only" | "full";

export function presetScopes(catalogue: readonly ScopeInfo[], preset: Preset): Scope[] {
  return catalogue
    .filter((s) => s.granted && (preset === "full" || s.action === "read"))
    .map((s) => s.scope);
}

function sameSet(a: readonly Scope[], b: ReadonlySet<Scope>): boolean {
  return a.length === b.size && a.every((s) => b.has(s));
}

/**
 * Scopes grouped by resource, one toggle per action. Scopes the user may not grant are shown,
 * disabled, with the reason: people should learn what exists and why they cannot have it.
 */
export function ScopePicker({
  catalogue,
  selected,
  onChange,
  role,
  error,
}: {
  catalogue: readonly ScopeInfo[];
  selected: ReadonlySet<Scope>;
  onChange: (next: Set<Scope>) => void;
  role: Role;
  error?: string;
}) {
  const baseId = useId();
  const errorId = `${baseId}-error`;
  const readOnly = presetScopes(catalogue, "read-only");
  const full = presetScopes(catalogue, "full");

  function toggle(scope: Scope, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(scope);
    else next.delete(scope);
    onChange(next);
  }

  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="sr-only">Scopes</legend>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <span aria-hidden="true" className="text-sm font-medium text-slate-800">
          Scopes
        </span>
        <div className="flex gap-1.5">
          <PresetButton
            pressed={sameSet(readOnly, selected)}
            onClick={() => onChange(new Set(readOnly))}
            disabled={readOnly.length === 0}
          >
            Read-only
          </PresetButton>
          <PresetButton
            pressed={sameSet(full, selected)}
            onClick={() => onChange(new Set(full))}
            disabled={full.length === 0}
          >
            Full access
          </PresetButton>
        </div>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Give the key only what it needs. Presets stay within what your role allows.
      </p>
      <div className="mt-3 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
        {groupByResource(catalogue).map(([resource, scopes]) => (
          <div key={resource} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start">
            <p className="pt-1 text-sm font-medium text-slate-900 sm:w-32 sm:shrink-0">
              {resourceLabel(resource)}
            </p>
            <div className="grid flex-1 gap-2 sm:grid-cols-2">
              {scopes.map((info) => {
                const id = `${baseId}-${info.scope}`;
                const nameId = `${id}-name`;
                const descriptionId = `${id}-description`;
                const disabled = !info.granted;
                const checked = selected.has(info.scope);
                return (
                  <label
                    key={info.scope}
                    htmlFor={id}
                    className={`flex gap-2.5 rounded-md p-2.5 ring-1 ring-inset transition-colors ${
                      disabled
                        ? "cursor-not-allowed bg-slate-50 ring-slate-200"
                        : checked
                          ? "cursor-pointer bg-brand-50/70 ring-brand-600/40"
                          : "cursor-pointer ring-slate-200 hover:bg-slate-50"
                    } has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-brand-600`}
                  >
                    <input
                      id={id}
                      type="checkbox"
                      checked={checked}
                      disabled={disabled}
                      onChange={(e) => toggle(info.scope, e.target.checked)}
                      aria-labelledby={nameId}
                      aria-describedby={error ? `${descriptionId} ${errorId}` : descriptionId}
                      // Marked, so that a failed submit can bring the first one into view.
                      aria-invalid={error && !disabled ? true : undefined}
                      className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-brand-600 focus-visible:outline-none disabled:cursor-not-allowed"
                    />
                    <span className="min-w-0">
                      <span className="flex flex-wrap items-baseline gap-x-2">
                        <span
                          className={`text-sm font-medium ${disabled ? "text-slate-400" : "text-slate-900"}`}
                        >
                          {ACTION_LABELS[info.action] ?? info.action}
                        </span>
                        <code
                          id={nameId}
                          className={`font-mono text-[11px] ${disabled ? "text-slate-400" : "text-slate-500"}`}
                        >
                          {info.scope}
                        </code>
                      </span>
                      <span id={descriptionId} className="mt-0.5 block text-xs text-slate-500">
                        {info.description}
                        {disabled ? (
                          <span className="mt-1 flex items-center gap-1 font-medium text-slate-600">
                            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5">
                              <path
                                fill="currentColor"
                                d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
                              />
                            </svg>
                            {disabledReason(info, role)}
                          </span>
                        ) : null}
                      </span>
                    </span>
                  </label>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      {selected.has("admin:organizations") ? (
        <p
          role="status"
          className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <strong className="font-semibold">
            admin:organizations reaches past this organization.
          </strong>{" "}
          The key is no longer pinned to it: with X-Organization-ID it acts in any organization on
          Voltasis, and renames any. Give it only to a key that administers organizations.
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-2 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function PresetButton({
  pressed,
  onClick,
  disabled,
  children,
}: {
  pressed: boolean;
  onClick: () => void;
  disabled?: boolean;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      disabled={disabled}
      className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-50 ${
        pressed
          ? "bg-brand-600 text-white ring-brand-600"
          : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      {children}
    </button>
  );
}
