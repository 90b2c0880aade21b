import { ApiRequestError } from "@/components/api/api-client";

/** What is wrong with each field of an endpoint form, beside the field; `form` above it. */
export interface WebhookFieldErrors {
  url?: string;
  description?: string;
  events?: string;
  form?: string;
}

export function hasErrors(errors: WebhookFieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The API's messages start in lower case ("url must be an https URL"): a sentence here. */
function sentence(message: string): string {
  const named = message.replace(/^url\b/, "the URL");
  const text = named.charAt(0).toUpperCase() + named.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * What can be told before asking the server: a URL that is not one at all, no event chosen. The
 * rest (https only, public destinations, lengths) is the API's to judge, and lands beside the
 * field from its 400.
 */
export function localProblems(url: string, events: readonly string[]): WebhookFieldErrors {
  const trimmed = url.trim();
  return {
    url: !trimmed
      ? "Enter the URL that receives the events, like https://hooks.example.com/voltasis."
      : URL.canParse(trimmed)
        ? undefined
        : "Enter a full address, like https://hooks.example.com/voltasis.",
    events: events.length === 0 ? "Choose at least one event to send." : undefined,
  };
}

/**
 * The API's 400 as messages beside the fields it names (`events.2` is the events list); anything
 * else (a 409 at the endpoint limit, a 403) is said above the form.
 */
export function webhookFieldErrorsFromApi(error: unknown, fallback: string): WebhookFieldErrors {
  if (!(error instanceof ApiRequestError)) return { form: fallback };
  if (error.code !== "VALIDATION_ERROR" || !Array.isArray(error.details)) {
    return { form: error.message };
  }
  const errors: WebhookFieldErrors = {};
  for (const item of error.details as { field?: string; message?: string }[]) {
    const field = (item.field ?? "").split(".")[0];
    const message = sentence(item.message ?? error.message);
    if (field === "url") errors.url ??= message;
    else if (field === "description") errors.description ??= message;
    else if (field === "events") errors.events ??= message;
    else errors.form ??= message;
  }
  return hasErrors(errors) ? errors : { form: error.message };
}

/** Brings the first field marked invalid into view and focuses it, after a failed submit. */
export function revealFirstError(form: HTMLElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  first.scrollIntoView({ block: "center" });
  first.focus({ preventScroll: true });
}
