import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { NavLink } from "@/components/shell/nav-link";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { PlatformAdminBanner } from "@/components/shell/platform-admin-banner";
import { UserMenu } from "@/components/shell/user-menu";
import { Logo } from "@/components/ui/logo";
import { requireDashboardSession } from "@/server/http/dashboard-session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireDashboardSession();
  // The admin's own organization, where Exit goes back to.
  const home = session.organizations.find((org) => org.role !== null) ?? null;
  return (
    // Around the header too: the platform admin's organization search is a query of its own.
    <Providers>
      <div className="min-h-screen">
        <a
          href="#main-content"
          className="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg ring-1 ring-slate-200 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
          <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-3 sm:px-6">
            <Link href="/dashboard" aria-label="Voltasis home" className="shrink-0">
              <Logo className="text-slate-900" />
            </Link>
            <span aria-hidden="true" className="text-slate-300">
              /
            </span>
            <OrgSwitcher
              current={{ ...session.organization, role: session.role }}
              organizations={session.organizations}
              searchable={session.user.isPlatformAdmin}
            />
            <nav aria-label="Main" className="ml-4 hidden items-center gap-1 md:flex">
              <NavLink href="/dashboard" exact>
                Overview
              </NavLink>
              <NavLink href="/settings">Settings</NavLink>
              <NavLink href="/docs/api">API reference</NavLink>
            </nav>
            <div className="ml-auto shrink-0">
              <UserMenu name={session.user.name} email={session.user.email} role={session.role} />
            </div>
          </div>
          <nav
            aria-label="Main mobile"
            className="flex gap-1 overflow-x-auto border-t border-slate-100 px-4 py-1.5 md:hidden"
          >
            <NavLink href="/dashboard" exact>
              Overview
            </NavLink>
            <NavLink href="/settings">Settings</NavLink>
            <NavLink href="/docs/api">API</NavLink>
          </nav>
          {session.isMember ? null : (
            <PlatformAdminBanner
              organizationName={session.organization.name}
              homeOrganizationId={home?.id ?? null}
            />
          )}
        </header>
        <main
          id="main-content"
          tabIndex={-1}
          className="mx-auto max-w-6xl px-4 py-8 focus:outline-none sm:px-6"
        >
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-500 sm:px-6">
          {/* The public status page: the first place to look when calls start failing. */}
          <a href="/status" className="hover:text-slate-700 hover:underline">
            API status
          </a>
        </footer>
      </div>
    </Providers>
  );
}
