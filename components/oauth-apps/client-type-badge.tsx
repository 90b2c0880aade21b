import type { OAuthClientType } from "./oauth-app-types";

const TYPES: Record<OAuthClientType, { label: string; className: string; title: string }> = {
  confidential: {
    label: "Confidential",
    className: "bg-violet-50 text-violet-700 ring-violet-600/20",
    title: "A server that keeps a client secret",
  },
  public: {
    label: "Public",
    className: "bg-sky-50 text-sky-800 ring-sky-600/20",
    title: "A browser, mobile or command-line app: PKCE only, no secret",
  },
};

/** Confidential or Public, as a pill: the word carries the meaning, the colour only helps. */
export function ClientTypeBadge({ type }: { type: OAuthClientType }) {
  const t = TYPES[type];
  return (
    <span
      title={t.title}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${t.className}`}
    >
      {t.label}
    </span>
  );
}
