import { ApiRequestError } from "@/components/api/api-client";
import { allowedIpProblem, MAX_ALLOWED_IPS } from "@/lib/allowed-ips";

/** The longest key name the API takes. */
export const KEY_NAME_MAX = 100;

/**
 * What is wrong with each field of a key form, beside the field. The allowlist has one message
 * per bad entry, so that every one of them is named at once.
 */
export interface KeyFieldErrors {
  name?: string;
  scopes?: string;
  expires_at?: string;
  allowed_ips?: string[];
  rate_limit_per_minute?: string;
  form?: string;
}

const SINGLE_FIELDS = ["name", "scopes", "expires_at", "rate_limit_per_minute"] as const;

export function hasErrors(errors: KeyFieldErrors): boolean {
  return Object.values(errors).some((e) => (Array.isArray(e) ? e.length > 0 : Boolean(e)));
}

export function keyNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return "Give the key a name, so you know later where it is used.";
  if (trimmed.length > KEY_NAME_MAX) {
    return `Use up to ${KEY_NAME_MAX} characters (now ${trimmed.length}).`;
  }
  return undefined;
}

/** Every bad allowlist entry, by the API's own rules (lib/allowed-ips.ts), or none. */
export function allowlistProblems(entries: readonly string[]): string[] | undefined {
  if (entries.length > MAX_ALLOWED_IPS) {
    return [`List at most ${MAX_ALLOWED_IPS} addresses or ranges (now ${entries.length}).`];
  }
  const problems = [
    ...new Set(entries.map(allowedIpProblem).filter((p): p is string => p !== null)),
  ];
  return problems.length > 0 ? problems : undefined;
}

/**
 * The API's 400 as messages beside the fields it names: `details` lists every bad field (and
 * every bad allowlist entry, as `allowed_ips.3`), and each is kept.
 */
export function keyFieldErrorsFromApi(error: unknown, fallback: string): KeyFieldErrors {
  if (!(error instanceof ApiRequestError)) return { form: fallback };
  if (error.code === "VALIDATION_ERROR" && Array.isArray(error.details)) {
    const errors: KeyFieldErrors = {};
    for (const item of error.details as { field?: string; message?: string }[]) {
      const field = item.field?.split(".")[0];
      const message = item.message ?? error.message;
      if (field === "allowed_ips") {
        errors.allowed_ips = [...new Set([...(errors.allowed_ips ?? []), message])];
      } else if (SINGLE_FIELDS.some((f) => f === field)) {
        errors[field as (typeof SINGLE_FIELDS)[number]] ??= message;
      } else errors.form ??= message;
    }
    return hasErrors(errors) ? errors : { form: error.message };
  }
  if (error.status === 403) {
    const scopes = (error.details as { scopes?: string[] } | undefined)?.scopes;
    if (scopes?.length) return { scopes: `Your role cannot grant ${scopes.join(", ")}.` };
  }
  return { form: error.message };
}

/**
 * Brings the first field marked invalid into view, clear of a dialog's sticky header and footer,
 * and moves focus to it: after a failed submit, people see what to fix without scrolling.
 */
export function revealFirstError(form: HTMLElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  first.scrollIntoView({ block: "center" });
  first.focus({ preventScroll: true });
}
