#!/bin/sh
# The server Playwright starts: a production build on a fresh database.
set -e
if [ -z "$DATABASE_URL" ]; then
  rm -rf "$PGLITE_DIR"
fi
npm run build
if [ -n "$DATABASE_URL" ]; then
  npm run db:migrate
  npm run db:seed
fi
exec npm start
