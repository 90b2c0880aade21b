import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";
import { requireDashboardSession } from "@/server/http/dashboard-session";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const session = await requireDashboardSession();
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Settings</h1>
      <div className="mt-6 flex flex-col gap-8 md:flex-row">
        {/* One scrolling row on a phone (eleven links would take four rows above the page's
            own content), a column beside it from md up. */}
        <nav
          aria-label="Settings"
          className="flex gap-1 overflow-x-auto md:w-48 md:shrink-0 md:flex-col md:overflow-visible"
        >
          <NavLink href="/settings/general">General</NavLink>
          <NavLink href="/settings/api-keys">API Keys</NavLink>
          <NavLink href="/settings/members">Members</NavLink>
          {/* Everyone who reads keys: members see their own credentials' requests. */}
          {session.scopes.includes("read:api-keys") ? (
            <NavLink href="/settings/logs">Logs</NavLink>
          ) : null}
          {/* Owners and admins only; members get a 404 from the page itself too. */}
          {session.scopes.includes("read:audit-logs") ? (
            <NavLink href="/settings/audit-log">Audit log</NavLink>
          ) : null}
          {/* Owners and admins only, like the page (read:oauth-apps). */}
          {session.scopes.includes("read:oauth-apps") ? (
            <NavLink href="/settings/oauth-apps">OAuth apps</NavLink>
          ) : null}
          {/* Owners and admins only, like the page (read:webhooks). */}
          {session.scopes.includes("read:webhooks") ? (
            <NavLink href="/settings/webhooks">Webhooks</NavLink>
          ) : null}
          {/* Owners and admins only, like the page: the organization's policy and grants. */}
          {session.scopes.includes("read:oauth-apps") ? (
            <NavLink href="/settings/third-party-access">Third-party access</NavLink>
          ) : null}
          {/* Owners and admins, like the pages: the organization's credential policies, and
              every credential in it. */}
          {session.role !== "member" ? (
            <>
              <NavLink href="/settings/security">Security</NavLink>
              <NavLink href="/settings/credentials">Credentials</NavLink>
            </>
          ) : null}
          <NavLink href="/settings/organizations">Organizations</NavLink>
          <NavLink href="/settings/account">Account</NavLink>
          {/* Everyone: the apps the signed-in user authorized, in every organization. */}
          <NavLink href="/settings/connected-apps">Connected apps</NavLink>
        </nav>
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
