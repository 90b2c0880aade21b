#!/bin/sh
# The server Playwright starts: a production build on a fresh database, seeded explicitly (a
# production start never seeds by itself).
set -e
if [ -z "$DATABASE_URL" ]; then
  rm -rf "$PGLITE_DIR"
fi
# E2E_PREBUILT=1 (CI builds once for its two database passes): serve the build that is there.
if [ "$E2E_PREBUILT" != "1" ] || [ ! -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ]; then
  npm run build
fi
npm run db:migrate
npm run db:seed
exec npm start
