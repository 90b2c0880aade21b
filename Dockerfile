# syntax=docker/dockerfile:1
# Voltasis in containers: docs/deploy.md explains the stages and compose.yml runs them.
#   docker build -t voltasis .                      the server (the last stage, `runtime`)
#   docker build -t voltasis-tools --target tools .  npm run db:migrate and the other scripts
# Node 20 pinned by tag (the version CI tests); pin the digest too for byte-identical rebuilds.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- deps: every dependency; the build needs the dev ones (TypeScript, Tailwind, tsx) -----------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# postinstall guards the postgres.js driver (scripts/patch-postgres.mjs): it must be there first.
COPY scripts/patch-postgres.mjs scripts/
RUN npm ci --no-audit --no-fund

# --- prod-deps: only what the server needs at run time -----------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-postgres.mjs scripts/
# --omit=dev still installs Playwright: next names @playwright/test as an optional peer, which makes it
# "devOptional" in the lockfile. Nothing at run time loads it.
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@playwright node_modules/playwright node_modules/playwright-core \
           node_modules/.bin/playwright* \
 && npm cache clean --force

# --- source: the checkout on top of every dependency -------------------------------------------
FROM deps AS source
COPY . .

# --- tools: the one-shot commands, run from TypeScript sources with tsx (a dev dependency, so
# never in the runtime image): npm run db:migrate (the default), db:seed, user:create, maintenance.
FROM source AS tools
ENV NODE_ENV=production
RUN mkdir -p .data && chown node:node .data
USER node
CMD ["npm", "run", "--silent", "db:migrate"]

# --- build: next build (type-checks unless VOLTASIS_BUILD_TYPECHECKED=1) ------------------------
FROM source AS build
ARG VOLTASIS_BUILD_TYPECHECKED=0
ENV VOLTASIS_BUILD_TYPECHECKED=${VOLTASIS_BUILD_TYPECHECKED}
RUN npm run build && rm -rf .next/cache

# --- runtime: the build output, production dependencies, a non-root user ----------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0
COPY --from=prod-deps /app/node_modules ./node_modules
# server.mjs imports server/graceful-shutdown.mjs, server/entry-logger.mjs and
# server/start-tracing.mjs (with server/redact-url-queries.mjs); next() reads
# next.config.ts (rewrites);
# drizzle/ holds the migrations embedded PGlite applies when it opens.
COPY package.json next.config.ts server.mjs ./
COPY server/graceful-shutdown.mjs server/entry-logger.mjs server/start-tracing.mjs \
     server/redact-url-queries.mjs server/
COPY scripts/healthcheck.mjs scripts/
COPY drizzle ./drizzle
# Next writes its cache under .next at run time; everything else stays root-owned, read-only.
COPY --from=build --chown=node:node /app/.next ./.next
# .data: the generated auth secret (unused when AUTH_SECRET is set), the mail outbox without
# SMTP_URL, embedded PGlite without DATABASE_URL. Mount a volume here to keep it.
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
# Readiness (GET /api/v1/health/ready, falling back to /api/v1/health on a build without it).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
# node itself as PID 1, not npm: SIGTERM reaches server.mjs, which drains and flushes usage.
CMD ["node", "server.mjs"]
