// `npm run bench`: runs every exported `bench*` function of bench/*.bench.ts, in file order;
// `npm run bench -- request-log` only the files whose name contains an argument.
// Benchmarks print figures only; nothing here asserts timings.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// A throwaway in-memory database unless DATABASE_URL points at PostgreSQL.
process.env.PGLITE_DIR ??= "memory://";
process.env.AUTH_SECRET ??= "bench-secret-that-is-long-enough-for-auth-js-0123456789";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
  .sort();

for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (name.startsWith("bench") && typeof fn === "function") {
      await (fn as () => Promise<void>)();
      console.log("");
    }
  }
}

const { closeDb } = await import("@/db");
await closeDb();
process.exit(0);
