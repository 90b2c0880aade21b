import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Settings</h1>
      <div className="mt-6 flex flex-col gap-8 md:flex-row">
        <nav
          aria-label="Settings"
          className="flex flex-wrap gap-1 md:w-48 md:shrink-0 md:flex-col md:flex-nowrap"
        >
          <NavLink href="/settings/general">General</NavLink>
          <NavLink href="/settings/api-keys">API Keys</NavLink>
          <NavLink href="/settings/members">Members</NavLink>
          <NavLink href="/settings/organizations">Organizations</NavLink>
          <NavLink href="/settings/account">Account</NavLink>
        </nav>
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
