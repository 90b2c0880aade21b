import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";
import { auth } from "@/server/auth/config";
import { ApiError } from "@/server/core/api-error";
import {
  approveConsent,
  consentCsrfToken,
  describeConsent,
  findBrowserInteraction,
  findReusableGrant,
} from "@/server/oauth/consent";
import { consentPath } from "@/server/oauth/pages";
import { SCOPE_DESCRIPTIONS } from "@/server/scopes/catalogue";
import { findActiveUser } from "@/server/users/find-active-user";

export const metadata: Metadata = { title: "Authorize an app" };
export const dynamic = "force-dynamic";

/**
 * The authorization server's interaction page: sign in (through the login page), then decide
 * whether this app may act for you, and in which organization. Framed by no one (the proxy's CSP
 * says frame-ancestors 'none'); the form posts to ./decision with a CSRF token.
 */
export default async function ConsentPage({ params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const session = await auth();
  const user = session?.userId ? await findActiveUser(session.userId) : null;
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(consentPath(uid))}`);

  let request: Awaited<ReturnType<typeof describeConsent>>;
  let interaction: Awaited<ReturnType<typeof findBrowserInteraction>>;
  try {
    interaction = await findBrowserInteraction(uid, (await headers()).get("cookie"));
    request = await describeConsent(interaction, user.id);
  } catch (error) {
    return (
      <Shell>
        <h1 className="text-lg font-semibold text-slate-900">This request has expired</h1>
        <p className="mt-2 text-sm text-slate-600">
          {error instanceof ApiError ? error.message : "Start again from the app you came from."}
        </p>
      </Shell>
    );
  }

  // A repeat authorization of the same app, organization and scopes skips the screen.
  const reusable = await findReusableGrant(request, user.id);
  if (reusable) redirect(await approveConsent(interaction, user.id, reusable.organizationId));

  const usable = request.organizations.filter((o) => !o.refusal);
  const firstUsable = usable[0]?.id;
  return (
    <Shell>
      <h1 className="text-lg font-semibold text-slate-900">
        Authorize <span className="text-brand-700">{request.app.name}</span>
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {request.app.registration === "dynamic"
          ? "Registered by itself (dynamic registration)."
          : `Registered by ${request.app.organizationName ?? "an organization"}.`}
        {request.redirectHost ? ` You will be sent back to ${request.redirectHost}.` : null}
      </p>
      {request.app.registration === "dynamic" ? (
        <p
          role="note"
          className="mt-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800 ring-1 ring-amber-200"
        >
          Unverified app: nobody at Voltasis or in your organizations vouches for it. Authorize it
          only if you started this from an app you trust.
        </p>
      ) : null}
      <p className="mt-4 text-sm text-slate-700">Signed in as {user.email}.</p>

      <form method="post" action={`${consentPath(uid)}/decision`} className="mt-4 space-y-4">
        <input type="hidden" name="csrf" value={consentCsrfToken(uid, user.id)} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Organization</legend>
          {request.organizations.map((org) => (
            <label key={org.id} className="mt-2 flex items-start gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name="organization_id"
                value={org.id}
                defaultChecked={org.id === firstUsable}
                disabled={Boolean(org.refusal)}
              />
              <span>
                {org.name} <span className="text-slate-500">({org.role})</span>
                {org.refusal ? <span className="block text-red-700">{org.refusal}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">It asks to</legend>
          <ul className="mt-2 space-y-2">
            {request.requestedScopes.map((scope) => {
              const grantedSomewhere = usable.some((o) => o.grantable.includes(scope));
              return (
                <li key={scope} className="text-sm">
                  <code className="text-slate-900">{scope}</code>
                  <span className="block text-slate-600">{SCOPE_DESCRIPTIONS[scope]}</span>
                  {grantedSomewhere ? null : (
                    <span className="block text-amber-700">
                      Not granted: your role does not allow it.
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <p className="mt-2 text-xs text-slate-500">
            Scopes your role in the chosen organization does not hold are not granted.
          </p>
        </fieldset>
        <div className="flex gap-3">
          <button
            type="submit"
            name="action"
            value="authorize"
            className={buttonClass("primary")}
            disabled={!firstUsable}
          >
            Authorize
          </button>
          <button type="submit" name="action" value="cancel" className={buttonClass("secondary")}>
            Cancel
          </button>
        </div>
      </form>
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 flex justify-center">
          <Logo className="text-2xl text-slate-900" />
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          {children}
        </div>
      </div>
    </main>
  );
}
