import { nowMs } from "@/lib/clock";
import type { Credential } from "@/server/auth/principal";

// Verified credentials by secret hash. A revocation on this process deletes the entry at once;
// other processes see it within TTL_MS. Membership and account state are never cached.
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  credential: Credential;
  storedAt: number;
}

const store = globalThis as unknown as { __voltasisCredentialCache?: Map<string, Entry> };
store.__voltasisCredentialCache ??= new Map<string, Entry>();
const cache = store.__voltasisCredentialCache;

export function getCachedCredential(hash: string): Credential | undefined {
  const entry = cache.get(hash);
  if (!entry) return undefined;
  if (nowMs() - entry.storedAt > TTL_MS) {
    cache.delete(hash);
    return undefined;
  }
  return entry.credential;
}

export function cacheCredential(hash: string, credential: Credential): void {
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(hash, { credential, storedAt: nowMs() });
}

/** Forget every cached credential matching: called by revoke, rotate and family revocation. */
export function evictCredentials(match: (credential: Credential) => boolean): void {
  for (const [hash, entry] of cache) if (match(entry.credential)) cache.delete(hash);
}

export function clearCredentialCache(): void {
  cache.clear();
}
