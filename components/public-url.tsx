"use client";

import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";

// PUBLIC_URL as the server was configured with it; null when unset.
const PublicUrlContext = createContext<string | null>(null);

export function PublicUrlProvider({ url, children }: { url: string | null; children: ReactNode }) {
  return <PublicUrlContext.Provider value={url}>{children}</PublicUrlContext.Provider>;
}

const noSubscription = () => () => {};

/**
 * The origin to show in links and curl examples: PUBLIC_URL when configured, otherwise the
 * page's own origin, which the browser knows and no request header can change. During server
 * rendering without PUBLIC_URL it is "" until the browser fills it in.
 */
export function usePublicOrigin(): string {
  const configured = useContext(PublicUrlContext);
  const browserOrigin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  return configured ?? browserOrigin;
}

/** The public origin as text, for server-rendered examples. */
export function PublicOrigin() {
  return <>{usePublicOrigin()}</>;
}
