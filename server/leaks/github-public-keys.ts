import { createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";
import { nowMs } from "@/lib/clock";
import { env } from "@/lib/env";
import { componentLogger } from "@/lib/logger";
import { ApiError } from "@/server/core/api-error";
import { describeError } from "@/server/core/to-api-error";

/** GitHub's signing keys are fetched at most once an hour (and kept while a refresh fails). */
export const KEYS_TTL_MS = 60 * 60_000;
/** An unknown key id refreshes early (GitHub rotated), at most once a minute whoever asks. */
const EARLY_REFRESH_MS = 60_000;
const FETCH_TIMEOUT_MS = 5_000;

const keysResponseSchema = z.object({
  public_keys: z.array(
    z.object({
      key_identifier: z.string().min(1),
      key: z.string().min(1),
      is_current: z.boolean().optional(),
    }),
  ),
});

interface KeySet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

// Per process, surviving Next's dev module reloads; tests drop every __voltasis* global.
const store = globalThis as unknown as {
  __voltasisGithubKeys?: {
    url: string;
    set?: KeySet;
    attemptedAt?: number;
    loading?: Promise<void>;
  };
};

/**
 * The public key GitHub signs a secret scanning report with, by its `Github-Public-Key-Identifier`,
 * from GITHUB_SECRET_SCANNING_KEYS_URL. Null when no key of that id is known: the report is
 * refused. A failed refresh keeps the last good set, so GitHub's API being down for a while
 * does not turn every report away; refreshes are tried at most once a minute.
 */
export async function githubPublicKey(keyId: string): Promise<KeyObject | null> {
  const url = env().GITHUB_SECRET_SCANNING_KEYS_URL;
  if (store.__voltasisGithubKeys?.url !== url) store.__voltasisGithubKeys = { url };
  const state = store.__voltasisGithubKeys;
  const at = nowMs();
  const stale = !state.set || at - state.set.fetchedAt >= KEYS_TTL_MS;
  const unknown = !state.set?.keys.has(keyId);
  const mayRetry = state.attemptedAt === undefined || at - state.attemptedAt >= EARLY_REFRESH_MS;
  if ((stale || unknown) && mayRetry) {
    state.loading ??= refresh(state, url).finally(() => {
      state.loading = undefined;
    });
    await state.loading;
  }
  // Never fetched successfully: we cannot tell a real report from a forged one. GitHub retries.
  if (!state.set) {
    throw new ApiError(
      "SERVICE_UNAVAILABLE",
      "GitHub's secret scanning keys cannot be fetched right now: retry later",
    );
  }
  return state.set.keys.get(keyId) ?? null;
}

async function refresh(state: { set?: KeySet; attemptedAt?: number }, url: string): Promise<void> {
  state.attemptedAt = nowMs();
  try {
    const response = await fetch(url, {
      headers: { accept: "application/json", "user-agent": "Voltasis secret scanning partner" },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = keysResponseSchema.parse(await response.json());
    const keys = new Map<string, KeyObject>();
    for (const entry of body.public_keys) {
      keys.set(entry.key_identifier, createPublicKey(entry.key));
    }
    state.set = { keys, fetchedAt: nowMs() };
  } catch (error) {
    componentLogger("secret-scanning").warn(
      `could not refresh GitHub's public keys from ${url}: ${describeError(error)}${state.set ? "; keeping the last good set" : ""}`,
    );
  }
}
