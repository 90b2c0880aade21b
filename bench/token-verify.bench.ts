import { performance } from "node:perf_hooks";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { evictAuth } from "@/server/auth/auth-cache";
import { generateToken, hashToken, parseToken } from "@/server/tokens/format";
import { verifyBearer } from "@/server/tokens/verify-bearer";
import { sessionContext } from "@/tests/helpers/fixtures";

function measure(label: string, iterations: number, fn: () => unknown): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const perOp = (performance.now() - start) / iterations;
  console.log(`  ${label.padEnd(44)} ${(1000 / perOp).toFixed(0).padStart(10)} ops/s`);
  return perOp;
}

async function measureAsync(label: string, iterations: number, fn: () => Promise<unknown>) {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const perOp = (performance.now() - start) / iterations;
  console.log(`  ${label.padEnd(44)} ${(1000 / perOp).toFixed(0).padStart(10)} ops/s`);
  return perOp;
}

/** Token checks: format and checksum alone, then a verification with and without the cache. */
export async function benchTokenVerification(): Promise<void> {
  console.log("Token verification");
  const token = generateToken("test");
  const junk = `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
  measure("parseToken (valid)", 200_000, () => parseToken(token));
  measure("parseToken (bad checksum, refused)", 200_000, () => parseToken(junk));
  measure("hashToken (SHA-256)", 200_000, () => hashToken(token));

  const ctx = await sessionContext("owner@acme.test", "acme");
  const { secret } = await createApiKey(ctx, { name: "bench", scopes: ["read:users"] });
  const cached = await measureAsync("verifyBearer (cache hit)", 20_000, () => verifyBearer(secret));
  const uncached = await measureAsync("verifyBearer (cache miss, database lookup)", 2_000, () => {
    evictAuth({});
    return verifyBearer(secret);
  });
  console.log(`  cache speed-up: ${(uncached / cached).toFixed(1)}x`);
}
