#!/bin/sh
# The server Playwright starts: a production build on a fresh database, seeded explicitly (a
# production start never seeds by itself).
set -e
if [ -z "$DATABASE_URL" ]; then
  rm -rf "$PGLITE_DIR"
fi
npm run build
npm run db:migrate
npm run db:seed
exec npm start
