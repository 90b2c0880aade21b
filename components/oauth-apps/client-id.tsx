import { CopyButton } from "@/components/ui/copy-button";

/**
 * An app's client_id in monospace with a Copy button. It is public (it goes in authorization
 * URLs), so it may be shown and copied at any time, unlike a client secret.
 */
export function ClientId({ clientId, appName }: { clientId: string; appName: string }) {
  return (
    <span className="inline-flex max-w-full min-w-0 items-center gap-2">
      <code className="min-w-0 font-mono text-xs break-all text-slate-700">{clientId}</code>
      <CopyButton text={clientId} label={`Copy the client ID of ${appName}`} className="shrink-0" />
    </span>
  );
}

/** A client secret as we keep it: its prefix and last four characters, e.g. vlt_cs_…x9Qz. */
export function MaskedClientSecret({ secret }: { secret: { prefix: string; last4: string } }) {
  return (
    <code
      className="whitespace-nowrap font-mono text-xs text-slate-700"
      title="Only the last four characters are kept; the full secret was shown once."
    >
      {secret.prefix}…{secret.last4}
    </code>
  );
}
