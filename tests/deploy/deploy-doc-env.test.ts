import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";

// docs/deploy.md's one table of environment variables names exactly what the server reads:
//   - every key of lib/env.ts's schema (where the app's variables are declared and validated);
//   - plus every `process.env.NAME` read directly by the code that runs or builds the server:
//     server/, lib/, db/, server.mjs, instrumentation.ts, proxy.ts, next.config.ts (tests aside);
//   - minus what the platform sets, never the operator (NOT_OPERATOR_FACING).
// Scripts (scripts/, bench/, e2e/) are tools with their own inputs (VOLTASIS_PASSWORD, E2E_PORT,
// SOAK_SECONDS…), documented beside their commands, not here.
const ROOT = path.join(import.meta.dirname, "..", "..");
const SCANNED = [
  "server",
  "lib",
  "db",
  "server.mjs",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
];
const NOT_OPERATOR_FACING = new Set([
  // Next.js sets it in each of its runtimes ("nodejs", "edge").
  "NEXT_RUNTIME",
]);

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (/\.(ts|tsx|mjs|js)$/.test(entry)) return [full];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(full, f));
}

function readDirectly(): Set<string> {
  const names = new Set<string>();
  for (const file of SCANNED.flatMap(sourceFiles)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[["']([A-Z][A-Z0-9_]*)["']\])/g,
    )) {
      names.add(m[1] ?? m[2] ?? "");
    }
  }
  for (const name of NOT_OPERATOR_FACING) names.delete(name);
  return names;
}

/** The rows of the table whose header's first cell is "variable": [name, default, production, what]. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => /^\|\s*variable\s*\|/i.test(l));
  expect(start, "docs/deploy.md has a table headed | variable | …").toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, line.endsWith("|") ? -1 : undefined)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe("docs/deploy.md's environment variables", () => {
  const rows = tableRows(readFileSync(path.join(ROOT, "docs", "deploy.md"), "utf8"));
  const documented = rows.map((cells) => /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? "")?.[1] ?? "");

  it("are exactly those lib/env.ts declares and the server reads directly", () => {
    const expected = new Set([...Object.keys(envSchema.shape), ...readDirectly()]);
    expect([...new Set(documented)].sort()).toEqual([...expected].sort());
    expect(documented).toHaveLength(new Set(documented).size);
  });

  it("each give a default, whether production requires it, and what it does", () => {
    for (const cells of rows) {
      expect(cells, cells[0]).toHaveLength(4);
      for (const cell of cells) expect(cell, cells[0]).not.toBe("");
      expect(cells[2], cells[0]).toMatch(/^(yes|no)\b/);
    }
  });
});
