// Guards postgres.js 3.4.9 against a process crash: a small write is deferred with setImmediate,
// and when the connection closes before it runs, `nextWrite` calls `write` on a null socket and
// throws from the immediate, where no caller can catch it (porsager/postgres#1154, #1208; fixes
// proposed in #1168 and #1209, unreleased). A database blip would then kill the server instead of
// answering 503. The queries of a closed connection are already rejected by `closed()`, so the
// deferred write has nowhere to go: drop it. Runs on every install (postinstall), idempotent, and
// fails loudly if the driver changed shape, so an upgrade is a conscious step.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const UNGUARDED = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const GUARDED = `  function nextWrite(fn) {
    if (!socket) { // voltasis: guard, see scripts/patch-postgres.mjs
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      return false
    }
    const x = socket.write(chunk, fn)`;

const require = createRequire(import.meta.url);
let root;
try {
  // The package's main entry is cjs/src/index.js; its exports hide package.json.
  root = dirname(dirname(dirname(require.resolve("postgres"))));
} catch {
  process.exit(0); // not installed (yet): nothing to guard
}
for (const flavour of ["src", "cjs/src", "cf/src"]) {
  const file = join(root, flavour, "connection.js");
  const source = readFileSync(file, "utf8");
  if (source.includes(GUARDED)) continue;
  if (!source.includes(UNGUARDED)) {
    console.error(`patch-postgres: ${file} no longer has the expected nextWrite; review the patch`);
    process.exit(1);
  }
  writeFileSync(file, source.replace(UNGUARDED, GUARDED));
  console.log(`patch-postgres: guarded nextWrite in ${flavour}/connection.js`);
}
