import { CopyButton } from "@/components/ui/copy-button";

/** The outcome of sending an invitation: where it was mailed, or the link to share by hand. */
export type InvitationSent = { sentTo: string } | { url: string };

/** Says where an invitation went, or shows its link (once) with a Copy button. */
export function InvitationSentNotice({ sent }: { sent: InvitationSent }) {
  if ("sentTo" in sent) {
    return (
      <p
        role="status"
        className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
      >
        Invitation sent to <strong className="font-semibold">{sent.sentTo}</strong>. The link works
        once, for 7 days.
      </p>
    );
  }
  return (
    <div className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
      <p className="font-medium text-amber-900">
        Email is not configured: share this link yourself. It is shown only once and works for 7
        days; "Send again" makes a new one.
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="invitation-url" className="min-w-0 flex-1 break-all font-mono">
          {sent.url}
        </code>
        <CopyButton text={sent.url} label="Copy invitation link" />
      </div>
    </div>
  );
}

/** What POST /invitations and POST /invitations/{id}/resend answered, as a notice. */
export function toInvitationSent(data: {
  email: string;
  delivery: "email" | "link";
  url?: string;
}): InvitationSent {
  return data.delivery === "email" ? { sentTo: data.email } : { url: data.url ?? "" };
}
