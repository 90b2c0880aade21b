import Link from "next/link";
import { type RequestLogEntry, statusTone } from "./request-log-filters";

const TONES = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  refused: "bg-amber-50 text-amber-900 ring-amber-600/30",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
  other: "bg-slate-50 text-slate-700 ring-slate-500/20",
} as const;

/** A status code, coloured by its class: green succeeded, amber refused, red failed. */
export function StatusCodeBadge({ status }: { status: number }) {
  return (
    <span
      className={`inline-flex rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold tabular-nums ring-1 ring-inset ${TONES[statusTone(status)]}`}
    >
      {status}
    </span>
  );
}

const CREDENTIAL_LABELS: Record<RequestLogEntry["credential"]["type"], string> = {
  api_key: "API key",
  access_token: "User token",
  oauth: "OAuth grant",
};

/**
 * The credential a request was made with: a key links to its page (above a row's click target,
 * so the link, not the row, takes the click); a token or grant is named.
 */
export function CredentialRef({
  credential,
  showType = false,
}: {
  credential: RequestLogEntry["credential"];
  showType?: boolean;
}) {
  const id = <code className="font-mono text-xs break-all">{credential.id}</code>;
  return (
    <span className="min-w-0">
      {showType ? <span className="mr-1">{CREDENTIAL_LABELS[credential.type]}</span> : null}
      {credential.type === "api_key" ? (
        <Link
          href={`/settings/api-keys/${encodeURIComponent(credential.id)}`}
          aria-label={`API key ${credential.id}`}
          className="relative z-10 text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          {id}
        </Link>
      ) : (
        <span className="text-slate-600">
          {showType ? null : <span className="sr-only">{CREDENTIAL_LABELS[credential.type]} </span>}
          {id}
        </span>
      )}
    </span>
  );
}
