import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "@/tests/support/server-harness";

/** Writes a bench's raw figures to bench/results/ (ignored by git) and returns the file. */
export function writeResults(name: string, data: unknown): string {
  const dir = path.join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return path.relative(ROOT, file);
}
