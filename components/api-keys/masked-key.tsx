import type { ApiKey } from "./api-key-types";

/** The part of a key we keep: its prefix and last four characters, e.g. vlt_live_Ab3d…x9Qz. */
export function MaskedKey({ apiKey }: { apiKey: Pick<ApiKey, "prefix" | "last4"> }) {
  return (
    <code
      className="whitespace-nowrap font-mono text-xs text-slate-600"
      title="Only the start and the last four characters are kept; the full key was shown once."
    >
      {apiKey.prefix}…{apiKey.last4}
    </code>
  );
}
