import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at runtime.
  // pino runs its pretty-printer in a worker thread that must find it on disk; prom-client's
  // registry is shared through globalThis, one copy of the library keeps it simple. Likewise the
  // OpenTelemetry API: the one copy the SDK (server/start-tracing.mjs) registers with.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "ioredis",
    "pino",
    "prom-client",
    "@opentelemetry/api",
  ],
  poweredByHeader: false,
  // Server actions are a door like /api/v1: the same 64 KiB body limit (Next.js allows 1 MB).
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  // CI type-checks the whole tree once (npm run typecheck) before it builds: the build need not again.
  typescript: { ignoreBuildErrors: process.env.VOLTASIS_BUILD_TYPECHECKED === "1" },
  // Lets two builds (e.g. two checkouts' e2e runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The guide's base URL is https://api.voltasis.com/v1: serve the same paths under /v1 too.
  async rewrites() {
    return [
      { source: "/v1/:path*", destination: "/api/v1/:path*" },
      // The OAuth authorization server (pages/api/oauth/[...path].ts) also answers its metadata
      // at the issuer's well-known addresses and the device flow's short /device address.
      {
        source: "/.well-known/:doc(oauth-authorization-server|openid-configuration)",
        destination: "/api/oauth/.well-known/:doc",
      },
      { source: "/device", destination: "/api/oauth/device" },
      { source: "/device/:path*", destination: "/api/oauth/device/:path*" },
    ];
  },
};

export default nextConfig;
