import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { PublicUrlProvider } from "@/components/public-url";
import { env } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Voltasis", template: "%s · Voltasis" },
  description: "Voltasis dashboard: API keys, usage and organization settings.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next.js stamps proxy.ts's fresh CSP nonce on its scripts
  // only then (a prerendered page would carry no nonce, and the CSP would block it).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <PublicUrlProvider url={env().PUBLIC_URL ?? null}>{children}</PublicUrlProvider>
      </body>
    </html>
  );
}
