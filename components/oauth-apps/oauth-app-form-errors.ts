import { ApiRequestError } from "@/components/api/api-client";
import { redirectUriProblem } from "@/server/oauth-apps/redirect-uris";
import { MAX_REDIRECT_URIS, OAUTH_APP_NAME_MAX } from "./oauth-app-types";

/**
 * What is wrong with each field of an app form, beside the field. Redirect URIs have a message
 * for the list as a whole (none given, a repeat) and one per row, by its position.
 */
export interface AppFieldErrors {
  name?: string;
  homepage_url?: string;
  client_type?: string;
  redirect_uris?: string;
  redirect_uri_rows?: Record<number, string>;
  form?: string;
}

export function hasErrors(errors: AppFieldErrors): boolean {
  return Object.values(errors).some((e) =>
    typeof e === "object" && e !== null ? Object.keys(e).length > 0 : Boolean(e),
  );
}

/** The API's messages start in lower case ("a redirect URI must not…"): a sentence here. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function appNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return "Give the app a name: people see it when they authorize it.";
  if (trimmed.length > OAUTH_APP_NAME_MAX) {
    return `Use up to ${OAUTH_APP_NAME_MAX} characters (now ${trimmed.length}).`;
  }
  return undefined;
}

export function homepageProblem(url: string): string | undefined {
  const trimmed = url.trim();
  if (!trimmed) return undefined;
  try {
    if (["https:", "http:"].includes(new URL(trimmed).protocol)) return undefined;
  } catch {
    // fall through
  }
  return "Enter a full http(s) address, like https://example.com.";
}

/**
 * The redirect URI rows by the API's own rules (server/oauth-apps/redirect-uris.ts): every bad
 * row named at once, blank rows ignored.
 */
export function redirectUriProblems(
  rows: readonly string[],
): Pick<AppFieldErrors, "redirect_uris" | "redirect_uri_rows"> {
  const filled = rows.map((row) => row.trim());
  const given = filled.filter(Boolean);
  if (given.length === 0) {
    return { redirect_uris: "Add at least one redirect URI: where users come back to your app." };
  }
  if (given.length > MAX_REDIRECT_URIS) {
    return { redirect_uris: `List at most ${MAX_REDIRECT_URIS} redirect URIs.` };
  }
  const problems: Record<number, string> = {};
  const seen = new Set<string>();
  filled.forEach((uri, index) => {
    if (!uri) return;
    const problem = redirectUriProblem(uri);
    if (problem) problems[index] = sentence(problem);
    else if (seen.has(uri)) problems[index] = "This redirect URI is listed already.";
    seen.add(uri);
  });
  return Object.keys(problems).length > 0 ? { redirect_uri_rows: problems } : {};
}

/**
 * The API's 400 as messages beside the fields it names: `details` lists every bad field, a bad
 * redirect URI as `redirect_uris.3` (its position in what was sent, mapped back to its row by
 * `rowOfSent`). Anything else (a 409, a 403) is said above the form.
 */
export function appFieldErrorsFromApi(
  error: unknown,
  fallback: string,
  rowOfSent: (index: number) => number = (index) => index,
): AppFieldErrors {
  if (!(error instanceof ApiRequestError)) return { form: fallback };
  if (error.code !== "VALIDATION_ERROR" || !Array.isArray(error.details)) {
    return { form: error.message };
  }
  const errors: AppFieldErrors = {};
  for (const item of error.details as { field?: string; message?: string }[]) {
    const [field, index] = (item.field ?? "").split(".");
    const message = sentence(item.message ?? error.message);
    if (field === "redirect_uris" && index !== undefined && /^\d+$/.test(index)) {
      const row = rowOfSent(Number(index));
      errors.redirect_uri_rows = { ...errors.redirect_uri_rows, [row]: message };
    } else if (field === "redirect_uris") errors.redirect_uris ??= message;
    else if (field === "name") errors.name ??= message;
    else if (field === "homepage_url") errors.homepage_url ??= message;
    else if (field === "client_type") errors.client_type ??= message;
    else errors.form ??= message;
  }
  return hasErrors(errors) ? errors : { form: error.message };
}

/** The filled rows, trimmed, and for each of them the row it came from. */
export function sentRedirectUris(rows: readonly string[]): { uris: string[]; rowOf: number[] } {
  const uris: string[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, index) => {
    const uri = row.trim();
    if (!uri) return;
    uris.push(uri);
    rowOf.push(index);
  });
  return { uris, rowOf };
}
