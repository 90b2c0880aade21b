import type { Metadata } from "next";
import { Logo } from "@/components/ui/logo";
import { ROLE_LABELS } from "@/lib/roles";
import { describeInvitation } from "@/server/invitations/describe-invitation";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Join an organization" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await describeInvitation(token) : null;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="text-2xl text-slate-900" />
          <h1 className="text-lg font-semibold text-slate-900">
            {invitation ? `Join ${invitation.organization}` : "Invitation not valid"}
          </h1>
          <p className="text-sm text-slate-500">
            {invitation
              ? `You were invited as ${ROLE_LABELS[invitation.role]}.`
              : "This invitation is no longer valid. Ask for a new one."}
          </p>
        </div>
        {invitation ? (
          <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
            <InviteForm token={token} email={invitation.email} />
          </div>
        ) : null}
      </div>
    </main>
  );
}
