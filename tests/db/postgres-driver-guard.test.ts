import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// postgres.js 3.4.9 can throw from a setImmediate when a connection closes with a small write
// pending, which no caller can catch: a database blip would kill the server instead of answering
// 503. scripts/patch-postgres.mjs guards it on every install; this checks the install did.
describe("the installed postgres.js driver", () => {
  const root = dirname(dirname(dirname(createRequire(import.meta.url).resolve("postgres"))));

  it.each(["src", "cjs/src", "cf/src"])("%s/connection.js drops a write after close", (flavour) => {
    const source = readFileSync(join(root, flavour, "connection.js"), "utf8");
    const nextWrite = source.slice(source.indexOf("function nextWrite("));
    expect(nextWrite.slice(0, 200)).toMatch(/^function nextWrite\(fn\) \{\s+if \(!socket\)/);
  });
});
