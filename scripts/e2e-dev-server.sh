#!/bin/sh
# The server of the "dev smoke" e2e project: `npm run dev`, the README's first command, as on a new
# clone: a fresh embedded database of its own (its first start migrates and seeds it) and a fresh
# dev output in its own dist dir (a developer's `npm run dev` holds a lock in .next/dev). Turbopack's
# dev cache, left behind by a server Playwright killed, can panic the next start: so none is kept.
set -e
unset DATABASE_URL REDIS_URL
rm -rf "$PGLITE_DIR" "$NEXT_DIST_DIR/dev"
exec npm run dev
