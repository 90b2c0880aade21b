"use client";

import { inputClass } from "@/components/ui/field";
import { MAX_ALLOWED_IPS } from "@/lib/allowed-ips";

/** The textarea's text as entries: one per line, or separated by commas or spaces. */
export function parseAllowedIps(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

export function formatAllowedIps(entries: readonly string[]): string {
  return entries.join("\n");
}

/** Whether the client address the server saw can be offered as an entry. */
export function usableIp(ip: string | null): ip is string {
  return ip !== null && ip !== "unknown" && ip !== "";
}

/**
 * The key's IP allowlist as a textarea (one address or CIDR range per line), with the address
 * this browser calls from as a one-click entry. Every bad entry is named below it, one per line.
 */
export function AllowedIpsField({
  id,
  value,
  onChange,
  currentIp,
  errors,
  disabled = false,
}: {
  id: string;
  value: string;
  onChange: (next: string) => void;
  /** The client address the server saw for this page, or null when unknown. */
  currentIp: string | null;
  /** One message per bad entry. */
  errors?: readonly string[];
  disabled?: boolean;
}) {
  const error = errors && errors.length > 0;
  const entries = parseAllowedIps(value);
  const hasCurrent = usableIp(currentIp) && entries.includes(currentIp);
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ""}`;

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          Allowed IP addresses <span className="font-normal text-slate-500">(optional)</span>
        </label>
        {usableIp(currentIp) ? (
          <button
            type="button"
            disabled={disabled || hasCurrent}
            onClick={() => onChange(formatAllowedIps([...entries, currentIp]))}
            className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-brand-600/30 ring-inset hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:text-slate-400 disabled:ring-slate-200"
          >
            {hasCurrent ? "Your address is listed" : `Add your current address (${currentIp})`}
          </button>
        ) : null}
      </div>
      <textarea
        id={id}
        name="allowed_ips"
        rows={3}
        value={value}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        placeholder={"203.0.113.7\n10.0.0.0/8\n2001:db8::/32"}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} font-mono text-xs`}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        One IPv4/IPv6 address or CIDR range per line, up to {MAX_ALLOWED_IPS}. Empty: the key works
        from anywhere. Calls from other addresses get 403.
      </p>
      {error ? (
        <ul id={`${id}-error`} className="space-y-0.5 text-sm break-words text-red-600">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
